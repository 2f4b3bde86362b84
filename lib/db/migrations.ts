// One migration set for both dialects. Add new migrations at the end; never edit a shipped one.
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

function autoIncrement(dialect: Dialect) {
  return dialect === 'postgres' ? sql`bigserial primary key` : sql`integer primary key autoincrement`;
}

export function berthMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_audit_events': {
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
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => berthMigrations(dialect) };
}
