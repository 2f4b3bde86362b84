import { type Kysely, sql } from 'kysely';
import type { Dialect } from './dialect';

/**
 * Audit events are evidence (HIPAA §164.312(b)): the database itself refuses to change one, so no
 * code path in Berth can edit the record. Only the retention purge deletes, past the kept period.
 * The time index serves the weekly activity report and the purge.
 */
export function auditAppendOnly(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('audit_events_created_at').on('audit_events').columns(['created_at', 'seq']).execute();
      if (dialect === 'sqlite') {
        await sql`CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are never edited'); END`.execute(db);
        return;
      }
      await sql`CREATE FUNCTION berth_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit events are never edited'; END; $$`.execute(db);
      await sql`CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION berth_audit_events_append_only()`.execute(db);
    },
  };
}
