// Table shapes as Kysely sees them. Times are ISO-8601 UTC strings and ids are text, so the same
// queries run on SQLite and PostgreSQL and sort the same way.
import type { Generated } from 'kysely';

export interface AuditEventsTable {
  id: string;
  actor: string;
  action: string;
  target: string;
  /** JSON text. */
  details: string;
  created_at: string;
  /** Insertion order; ties on created_at are common within a millisecond. */
  seq: Generated<number>;
}

export interface Database {
  audit_events: AuditEventsTable;
}
