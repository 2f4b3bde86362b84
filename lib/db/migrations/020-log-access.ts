import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

/**
 * Production log access (issue 19): break-glass grants and "show unmasked" grants, each with the
 * reason the person gave, and which owning-team member has seen a break-glass notice.
 */
export function logAccess(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('log_access_grants')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('environment', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('team', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('log_access_grants_holder').on('log_access_grants').columns(['email', 'app', 'environment', 'expires_at']).execute();
      await db.schema.createIndex('log_access_grants_app').on('log_access_grants').columns(['app', 'created_at']).execute();
      await db.schema
        .createTable('log_access_notices_seen')
        .addColumn('grant_id', 'integer', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('log_access_notices_seen_pk', ['grant_id', 'email'])
        .execute();
    },
  };
}
