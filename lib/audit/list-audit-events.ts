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
  return rows.map(toAuditEvent);
}


export interface AuditEventsBetweenOptions {
  /** ISO time, inclusive. */
  from: string;
  /** ISO time, exclusive. */
  to: string;
  /** Only these actions (exact names). */
  actions: readonly string[];
  actor?: string;
  /** At most this many; the caller asks for one more than it shows to know there were more. */
  limit: number;
}

/** Oldest first, within a time window: what the activity report reads (index audit_events_created_at). */
export async function listAuditEventsBetween(db: Kysely<Database>, options: AuditEventsBetweenOptions): Promise<(AuditEvent & { seq: number })[]> {
  if (options.actions.length === 0) return [];
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('created_at', '>=', options.from)
    .where('created_at', '<', options.to)
    .where('action', 'in', [...options.actions])
    .orderBy('created_at', 'asc')
    .orderBy('seq', 'asc')
    .limit(options.limit);
  if (options.actor) query = query.where('actor', '=', options.actor);
  const rows = await query.execute();
  return rows.map(toAuditEvent);
}

function toAuditEvent(row: { id: string; seq: number | string; actor: string; action: string; target: string; details: string; created_at: string }): AuditEvent & { seq: number } {
  return {
    id: row.id,
    seq: Number(row.seq),
    actor: row.actor,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as Record<string, unknown>,
    time: row.created_at,
  };
}
