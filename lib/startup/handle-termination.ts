import 'server-only';
import { closeDb } from '@/lib/db/get-db';
import { drainWriteLocks } from '@/lib/gitops/write-lock';
import { whenIdle } from '@/lib/lifecycle/in-flight';
import { onDrain, onShutdown, shutDown } from '@/lib/lifecycle/shutdown';
import { logger } from '@/lib/logger/logger';

// Kubernetes' default terminationGracePeriodSeconds is 30: finish well inside it.
const GRACE_MS = 20_000;

/**
 * Berth's own SIGTERM handling (Next's is switched off with NEXT_MANUAL_SIG_HANDLE=1, which the
 * launchers and the image set): drain, close, exit 0 — or exit 1 if the grace period ran out.
 */
export function handleTermination(): void {
  // A request that passed the proxy just before the signal may not have reached its handler yet.
  onDrain('settle', () => new Promise((resolve) => setTimeout(resolve, 1000)));
  onDrain('requests in flight', whenIdle);
  onDrain('config repository commits', drainWriteLocks);
  onShutdown('database', closeDb);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down: no new requests, finishing in-flight work');
      void shutDown(GRACE_MS, (message) => logger.info(message)).then((finished) => {
        logger.info({ finished }, finished ? 'shut down cleanly' : 'grace period ran out');
        // Flush the last lines before exiting: stdout to a pipe is asynchronous.
        logger.flush(() => process.exit(finished ? 0 : 1));
      });
    });
  }
}
