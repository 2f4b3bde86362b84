// Work every replica repeats for as long as it runs (sweeps for what a stopped replica left, the
// status samples): one timer per process however many bundles start it (processState), never two
// runs at once, none once shutdown has begun, a failure logged and tried again at the next turn,
// and the timer stopped at shutdown.
import { logger } from '@/lib/logger/logger';
import { processState } from './process-state';
import { isShuttingDown, onShutdown } from './shutdown';

export interface BackgroundWork {
  /** Its name at shutdown; a second start of the same name in the process does nothing. */
  name: string;
  everyMs: number;
  /** The first run: at once when not given, else after this long (waiting for what it reads). */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
  /** The warning logged when a run fails, saying that it will be tried again. */
  failure: string;
  /** What else stops with it at shutdown, after its timers. */
  stop?: () => Promise<void> | void;
}

const started = processState('background-work', () => new Set<string>());

export function repeatInBackground(work: BackgroundWork): void {
  if (started.has(work.name)) return;
  let running = false;
  const turn = async () => {
    if (running || isShuttingDown()) return;
    running = true;
    try {
      await work.run();
    } catch (error) {
      logger.warn({ err: error }, work.failure);
    } finally {
      running = false;
    }
  };
  const first = work.firstAfterMs === undefined ? undefined : setTimeout(() => void turn(), work.firstAfterMs);
  first?.unref?.();
  const timer = setInterval(() => void turn(), work.everyMs);
  timer.unref?.();
  started.add(work.name);
  onShutdown(work.name, async () => {
    clearTimeout(first);
    clearInterval(timer);
    started.delete(work.name);
    await work.stop?.();
  });
  if (first === undefined) void turn();
}
