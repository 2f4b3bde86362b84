import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { AuditEvent } from './audit-event';

export interface ListAuditEventsOptions {
  actor?: string;
  target?: string;
  /** Prefix match on the action, e.g. `values.` */
  actionPrefix?: string;
  limit?: number;
  /** Return events older than this cursor (the `seq` of the last event seen). */
  before?: number;
}

/** Newest first. */
export async function listAuditEvents(
  db: Kysely<Database>,
  options: ListAuditEventsOptions = {},
): Promise<(AuditEvent & { seq: number })[]> {
  let query = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(Math.min(options.limit ?? 50, 500));
  if (options.actor) query = query.where('actor', '=', options.actor);
  if (options.target) query = query.where('target', '=', options.target);
  // substr rather than LIKE: the two databases disagree on LIKE's escape character.
  if (options.actionPrefix) {
    query = query.where(sql<string>`substr(action, 1, ${options.actionPrefix.length})`, '=', options.actionPrefix);
  }
  if (options.before !== undefined) query = query.where('seq', '<', options.before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as Record<string, unknown>,
    time: row.created_at,
  }));
}

