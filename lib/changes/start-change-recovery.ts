import 'server-only';
import { isShuttingDown, onShutdown } from '@/lib/lifecycle/shutdown';
import { logger } from '@/lib/logger/logger';
import { recoverStuckChanges } from './merge-change';

const SWEEP_MS = 5_000;
const holder = globalThis as typeof globalThis & { __berthChangeRecovery?: NodeJS.Timeout };

/**
 * Every replica looks for change requests a stopped merge left "approved" (at start-up, then
 * every few seconds) and finishes them; the database decides which replica takes each one.
 */
export function startChangeRecovery(): void {
  if (holder.__berthChangeRecovery) return;
  let running = false;
  const sweep = async () => {
    if (running || isShuttingDown()) return;
    running = true;
    try {
      await recoverStuckChanges();
    } catch (error) {
      logger.warn({ err: error }, 'could not look for change requests left approved; retrying shortly');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  timer.unref?.();
  holder.__berthChangeRecovery = timer;
  onShutdown('change-recovery', () => {
    clearInterval(timer);
    holder.__berthChangeRecovery = undefined;
  });
  void sweep();
}
