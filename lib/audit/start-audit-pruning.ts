import 'server-only';
import { getConfig } from '@/lib/config/get-config';
import { getDb } from '@/lib/db/get-db';
import { isShuttingDown, onShutdown } from '@/lib/lifecycle/shutdown';
import { logger } from '@/lib/logger/logger';
import { pruneAuditEvents } from './prune-audit-events';

const EVERY_MS = 6 * 60 * 60 * 1000;
const holder = globalThis as typeof globalThis & { __berthAuditPruning?: NodeJS.Timeout };

/** At start-up and every six hours: drop audit events past AUDIT_RETENTION_DAYS (default six years). */
export function startAuditPruning(): void {
  if (holder.__berthAuditPruning) return;
  const prune = async () => {
    if (isShuttingDown()) return;
    try {
      const { deleted, cutoff } = await pruneAuditEvents(await getDb(), { now: new Date(), retentionDays: getConfig().AUDIT_RETENTION_DAYS });
      if (deleted > 0) logger.info({ deleted, cutoff }, 'pruned audit events past the retention period');
    } catch (error) {
      logger.warn({ err: error }, 'could not prune audit events past the retention period; trying again later');
    }
  };
  const timer = setInterval(() => void prune(), EVERY_MS);
  timer.unref?.();
  holder.__berthAuditPruning = timer;
  onShutdown('audit-pruning', () => {
    clearInterval(timer);
    holder.__berthAuditPruning = undefined;
  });
  void prune();
}
