import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

export function changeRequests(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('change_requests')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_path', 'text', (c) => c.notNull())
        .addColumn('environments', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('base_revision', 'text', (c) => c.notNull())
        .addColumn('base_text', 'text', (c) => c.notNull())
        .addColumn('proposed_text', 'text', (c) => c.notNull())
        .addColumn('diff_hash', 'text', (c) => c.notNull())
        .addColumn('evaluation', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('merged_revision', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_requests_app_status').on('change_requests').columns(['app', 'status']).execute();
      await db.schema.createIndex('change_requests_author').on('change_requests').columns(['author_email', 'status']).execute();
      await db.schema
        .createTable('change_request_events')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('change_id', 'integer', (c) => c.notNull())
        .addColumn('actor_email', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('diff_hash', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_request_events_change').on('change_request_events').columns(['change_id', 'id']).execute();
    },
  };
}
