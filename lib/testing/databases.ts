// Runs a suite against every database Berth supports: a fresh SQLite file always, and
// PostgreSQL when TEST_DATABASE_URL is set (CI sets it; outside CI the suite says it was skipped).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type BerthDb, createDb } from '@/lib/db/create-db';

export interface TestDatabase {
  readonly db: BerthDb;
  /** The URL and schema another process (a second Berth replica) can open the same database with. */
  readonly url: string;
  readonly searchPath?: string;
}

const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl && process.env.CI) {
  throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL suites are not optional there.');
}

let warned = false;

export function describeEachDatabase(name: string, suite: (database: TestDatabase) => void): void {
  describe(`${name} [sqlite]`, () => suite(sqliteDatabase()));
  if (postgresUrl) {
    describe(`${name} [postgres]`, () => suite(postgresDatabase(postgresUrl)));
  } else if (!warned) {
    warned = true;
    console.warn('PostgreSQL suites skipped: TEST_DATABASE_URL is not set (CI sets it; e.g. postgres://postgres@127.0.0.1:5432/test).');
  }
}

function sqliteDatabase(): TestDatabase {
  let dir = '';
  let db: BerthDb | undefined;
  let url = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-db-'));
    url = `file:${path.join(dir, 'berth.db')}`;
    db = await createDb({ url });
  });
  afterAll(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!db) throw new Error('database not ready');
      return db;
    },
    get url() {
      return url;
    },
  };
}

function postgresDatabase(url: string): TestDatabase {
  // A schema per suite keeps parallel test files from seeing each other's rows.
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let db: BerthDb | undefined;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = await createDb({ url, searchPath: schema });
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  return {
    get db() {
      if (!db) throw new Error('database not ready');
      return db;
    },
    url,
    searchPath: schema,
  };
}
