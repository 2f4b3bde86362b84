import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

/**
 * The status history Berth keeps (issue 15, readiness "stage healthy over the last day"): every few
 * minutes each replica writes the verdict of every app in every environment from its caches.
 */
export function appStatusSamples(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('app_status_samples')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('sampled_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('app_status_samples_app').on('app_status_samples').columns(['app', 'environment', 'sampled_at']).execute();
      await db.schema.createIndex('app_status_samples_time').on('app_status_samples').columns(['sampled_at']).execute();
    },
  };
}
