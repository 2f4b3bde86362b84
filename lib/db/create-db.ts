import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type BerthDb = Kysely<Database> & { dialect: 'sqlite' | 'postgres' };

export interface CreateDbOptions {
  /** `file:<path>` (SQLite) or `postgres://…`. */
  url: string;
  /** PostgreSQL schema to use (tests isolate themselves this way). */
  searchPath?: string;
  poolSize?: number;
}

/** Open a database and bring its schema to the latest migration. */
export async function createDb(options: CreateDbOptions): Promise<BerthDb> {
  const dialect = options.url.startsWith('file:') ? 'sqlite' : 'postgres';
  const db = (dialect === 'sqlite' ? openSqlite(options.url) : openPostgres(options)) as BerthDb;
  Object.defineProperty(db, 'dialect', { value: dialect });
  await migrate(db, dialect, options.searchPath);
  return db;
}

function openSqlite(url: string): Kysely<Database> {
  const file = url.slice('file:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SQLite(file);
  // WAL lets readers proceed while a write is in flight; busy_timeout rides out short locks
  // from a second process (the benchmarks, a test) instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(options: CreateDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: options.searchPath ? `-c search_path=${options.searchPath}` : undefined,
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', searchPath: string | undefined): Promise<void> {
  // Domains land their migrations independently; a later-numbered one may already have run.
  // Kysely looks for its migration tables in every schema unless told which one: a schema of its
  // own (a test's) would find another schema's tables, skip creating them and then fail with
  // 'relation "kysely_migration_lock" does not exist'.
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), allowUnorderedMigrations: true, ...(searchPath ? { migrationTableSchema: searchPath } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
