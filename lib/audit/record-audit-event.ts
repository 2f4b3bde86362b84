import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '@/lib/db/schema';
import type { AuditEvent } from './audit-event';

export interface RecordAuditEventInput {
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
  /** Defaults to now; tests and imports pass their own. */
  time?: Date;
}

/** Append one audit event. Pass a transaction to record it atomically with the change it describes. */
export async function recordAuditEvent(
  db: Kysely<Database> | Transaction<Database>,
  input: RecordAuditEventInput,
): Promise<AuditEvent> {
  const event: AuditEvent = {
    id: randomUUID(),
    actor: input.actor,
    action: input.action,
    target: input.target,
    details: input.details ?? {},
    time: (input.time ?? new Date()).toISOString(),
  };
  await db
    .insertInto('audit_events')
    .values({
      id: event.id,
      actor: event.actor,
      action: event.action,
      target: event.target,
      details: JSON.stringify(event.details),
      created_at: event.time,
    })
    .execute();
  return event;
}
