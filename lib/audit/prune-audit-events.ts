import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/lib/db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneAuditEventsInput {
  now: Date;
  /** AUDIT_RETENTION_DAYS: events older than this many days are deleted, none younger. */
  retentionDays: number;
}

/** The moment before which events are past the retention period. */
export function retentionCutoff(input: PruneAuditEventsInput): Date {
  return new Date(input.now.getTime() - input.retentionDays * DAY_MS);
}

/**
 * The one place anything leaves the audit trail: events strictly older than the retention period.
 * No route, page or action calls it; the schedule in start-audit-pruning.ts does (every replica,
 * harmless twice: the second finds nothing). Updates are refused by the database (migration 021).
 */
export async function pruneAuditEvents(db: Kysely<Database>, input: PruneAuditEventsInput): Promise<{ deleted: number; cutoff: string }> {
  if (!Number.isInteger(input.retentionDays) || input.retentionDays < 1) throw new Error(`refusing to prune audit events with a retention of ${input.retentionDays} days`);
  const cutoff = retentionCutoff(input).toISOString();
  const result = await db.deleteFrom('audit_events').where('created_at', '<', cutoff).executeTakeFirst();
  return { deleted: Number(result.numDeletedRows), cutoff };
}
