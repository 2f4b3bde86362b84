import { type Kysely, sql } from 'kysely';

// The commit Berth wrote for a change request, recorded by Berth: the only evidence pages use to
// say a commit was approved (never the commit's text, which a person's message could imitate).
// Requests merged before this column existed were merged through the same path; their recorded
// revision is that commit.
export function changeMergeCommit() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('change_requests').addColumn('merge_commit', 'text').execute();
      await sql`update change_requests set merge_commit = merged_revision where status = 'merged' and merged_revision is not null`.execute(db);
      await db.schema.createIndex('change_requests_merge_commit').on('change_requests').columns(['merge_commit']).execute();
    },
  };
}
