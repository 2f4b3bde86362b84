import type { Kysely } from 'kysely';

// "Mark as read" on the guides: one row per person and guide, kept until they mark it unread.
// The primary key makes a second "read" a no-op in both databases (ON CONFLICT DO NOTHING).
export function guideProgress() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('guide_reads')
        .addColumn('user_email', 'text', (c) => c.notNull())
        .addColumn('guide_slug', 'text', (c) => c.notNull())
        .addColumn('read_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('guide_reads_pk', ['user_email', 'guide_slug'])
        .execute();
      // The platform team's progress view reads by guide across everyone.
      await db.schema.createIndex('guide_reads_guide').on('guide_reads').columns(['guide_slug']).execute();
    },
  };
}
