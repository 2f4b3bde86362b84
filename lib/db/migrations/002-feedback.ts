import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

// Working-group feedback: items with their updates (the thread and the status history in one
// timeline), "me too" votes, what each reporter has seen, session ratings and guide votes.
// Booleans are 0/1 integers so SQLite and PostgreSQL read them back the same way.
export function feedback(dialect: Dialect) {
  const idRef = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('feedback_items')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('severity', 'text')
        .addColumn('worked_on_aptible', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('app', 'text')
        .addColumn('environment', 'text')
        .addColumn('guide', 'text')
        .addColumn('session', 'text')
        .addColumn('page', 'text')
        .addColumn('team', 'text')
        .addColumn('reporter_email', 'text', (c) => c.notNull())
        .addColumn('reporter_name', 'text', (c) => c.notNull())
        .addColumn('reporter_team', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
        .addColumn('owner_email', 'text')
        .addColumn('owner_name', 'text')
        .addColumn('known_issue', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .execute();
      await db.schema.createIndex('feedback_items_status').on('feedback_items').columns(['status', 'created_at']).execute();
      // The rate limit counts a reporter's items of the last minute on every submission.
      await db.schema.createIndex('feedback_items_reporter').on('feedback_items').columns(['reporter_email', 'created_at']).execute();
      await db.schema.createIndex('feedback_items_app').on('feedback_items').columns(['app']).execute();
      await db.schema.createIndex('feedback_items_guide').on('feedback_items').columns(['guide']).execute();

      await db.schema
        .createTable('feedback_updates')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('item_id', idRef, (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
        .addColumn('actor_email', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .addColumn('body', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('feedback_updates_item').on('feedback_updates').columns(['item_id', 'id']).execute();
      await db.schema.createIndex('feedback_updates_actor').on('feedback_updates').columns(['actor_email', 'kind', 'created_at']).execute();

      await db.schema
        .createTable('feedback_votes')
        .addColumn('item_id', idRef, (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_votes_pk', ['item_id', 'email'])
        .execute();

      await db.schema
        .createTable('feedback_reads')
        .addColumn('item_id', idRef, (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('seen_update_id', idRef, (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_reads_pk', ['item_id', 'email'])
        .execute();

      await db.schema
        .createTable('session_feedback')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('clear', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('unclear', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('next_topics', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('session_feedback_one_per_person', ['session_id', 'email'])
        .execute();

      await db.schema
        .createTable('guide_feedback')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('guide', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('helpful', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('guide_feedback_one_per_person', ['guide', 'email'])
        .execute();
    },
  };
}
