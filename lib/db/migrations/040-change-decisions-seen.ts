import type { Kysely } from 'kysely';

// Which decisions on their change requests (approved and merged, rejected, gone stale, refused at
// merge) an author has seen: Berth tells them once, wherever they are, until they have looked.
// One row per author and request: the last event of the request they have seen.
export function changeDecisionsSeen() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('change_request_reads')
        .addColumn('change_id', 'integer', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('seen_event_id', 'integer', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('change_request_reads_pk', ['change_id', 'email'])
        .execute();
      // The header's count: an author's requests, then their decision events.
      await db.schema.createIndex('change_request_events_kind').on('change_request_events').columns(['change_id', 'kind', 'id']).execute();
    },
  };
}
