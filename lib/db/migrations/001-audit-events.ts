import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

export function auditEvents(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', autoIncrement(dialect))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_target').on('audit_events').columns(['target', 'seq']).execute();
      await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor', 'seq']).execute();
    },
  };
}
