import 'server-only';
import { getDb } from '@/lib/db/get-db';
import { isShuttingDown, onShutdown } from '@/lib/lifecycle/shutdown';
import { logger } from '@/lib/logger/logger';
import { SAMPLE_EVERY_MS, sampleAppStatuses } from './status-history';

// The caches make their first list within seconds of being asked; the first sample waits for that.
const FIRST_SAMPLE_MS = 20_000;
const holder = globalThis as typeof globalThis & { __berthStatusSampler?: NodeJS.Timeout };

/** Every replica samples the verdicts it sees; the history's readers count each period once. */
export function startStatusSampler(): void {
  if (holder.__berthStatusSampler) return;
  let running = false;
  const sample = async () => {
    if (running || isShuttingDown()) return;
    running = true;
    try {
      await sampleAppStatuses(await getDb());
    } catch (error) {
      logger.warn({ err: error }, 'could not record the apps’ status history; trying again at the next period');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void sample(), FIRST_SAMPLE_MS);
  first.unref?.();
  const timer = setInterval(() => void sample(), SAMPLE_EVERY_MS);
  timer.unref?.();
  holder.__berthStatusSampler = timer;
  onShutdown('status-sampler', () => {
    clearTimeout(first);
    clearInterval(timer);
    holder.__berthStatusSampler = undefined;
  });
}
