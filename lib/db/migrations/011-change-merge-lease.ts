import type { Kysely } from 'kysely';

// Who is merging an approved change request, and when they last said they still were. An approval
// moves the request to "approved" and the approving replica merges it at once; if that replica
// dies (or its merge fails half-way), another one finds the lease expired, takes it over with a
// compare-and-set, and finishes or returns the request — so it never stays "approved" forever and
// is merged at most once.
export function changeMergeLease() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('change_requests').addColumn('merge_owner', 'text').execute();
      await db.schema.alterTable('change_requests').addColumn('merge_heartbeat_at', 'text').execute();
      await db.schema.createIndex('change_requests_status_heartbeat').on('change_requests').columns(['status', 'merge_heartbeat_at']).execute();
    },
  };
}
