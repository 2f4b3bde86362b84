import 'server-only';
// This replica's live log streams: the limits on how many are open (per person, in all), and the
// shared upstream tails identical follows read from. One of each per process.
import { getConfig } from '@/lib/config/get-config';
import { logSourceKind } from './get-log-source';
import { LogStreamLimits } from './log-stream-limits';
import type { LogSource } from './log-source';
import { SharedTails } from './shared-tail';

const holder = globalThis as typeof globalThis & { __berthLogStreams?: LogStreamLimits; __berthSharedTails?: WeakMap<LogSource, SharedTails> };

export function logStreamLimits(): LogStreamLimits {
  holder.__berthLogStreams ??= new LogStreamLimits(() => {
    const config = getConfig();
    return { perPerson: config.LOG_STREAMS_PER_PERSON, perReplica: config.LOG_STREAMS_PER_REPLICA };
  });
  return holder.__berthLogStreams;
}

/** The source with identical follows sharing one upstream tail. */
export function sharedTailsFor(source: LogSource): SharedTails {
  const map = (holder.__berthSharedTails ??= new WeakMap());
  let shared = map.get(source);
  if (!shared) {
    // Kubernetes follows the pods that exist when a tail starts: start afresh each minute.
    shared = new SharedTails(source, { restartMs: logSourceKind() === 'kubernetes' ? 60_000 : undefined });
    map.set(source, shared);
  }
  return shared;
}
