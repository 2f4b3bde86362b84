import type { Kysely } from 'kysely';
import { autoIncrement, type Dialect } from './dialect';

/**
 * The Envoy cutover ladder (issue 15): each step (GKE at N % for M minutes), who asked and who
 * approved, which replica runs its window (a lease like change requests' merge lease), the
 * snapshots of Envoy's stats taken during it, and the step log. `active_app` holds the app's name
 * while a step is requested, starting, running or rolling back, and is unique: the database, not a
 * check in code, refuses a second step on an app while one is under way.
 */
export function cutoverSteps(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('cutover_steps')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('active_app', 'text', (c) => c.unique())
        .addColumn('share', 'integer', (c) => c.notNull())
        .addColumn('window_minutes', 'integer')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('requested_by_email', 'text', (c) => c.notNull())
        .addColumn('requested_by_name', 'text', (c) => c.notNull())
        .addColumn('approved_by_email', 'text')
        .addColumn('approved_by_name', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text')
        .addColumn('status_reason', 'text')
        .addColumn('share_before', 'integer')
        .addColumn('started_at', 'text')
        .addColumn('ends_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('rollback_reason', 'text')
        .addColumn('rollback_by_email', 'text')
        .addColumn('rollback_by_name', 'text')
        .addColumn('rollback_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rollback_error', 'text')
        .addColumn('rollback_failing_since', 'text')
        .addColumn('numbers', 'text')
        .addColumn('runner_owner', 'text')
        .addColumn('runner_heartbeat_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cutover_steps_app').on('cutover_steps').columns(['app', 'id']).execute();
      await db.schema.createIndex('cutover_steps_status_heartbeat').on('cutover_steps').columns(['status', 'runner_heartbeat_at']).execute();
      await db.schema
        .createTable('cutover_samples')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('step_id', 'integer', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('counters', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('cutover_samples_step').on('cutover_samples').columns(['step_id', 'id']).execute();
      await db.schema
        .createTable('cutover_step_events')
        .addColumn('id', autoIncrement(dialect))
        .addColumn('step_id', 'integer', (c) => c.notNull())
        .addColumn('app', 'text', (c) => c.notNull())
        .addColumn('actor_email', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text')
        .addColumn('numbers', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cutover_step_events_app').on('cutover_step_events').columns(['app', 'id']).execute();
      await db.schema.createIndex('cutover_step_events_step').on('cutover_step_events').columns(['step_id', 'id']).execute();
    },
  };
}
