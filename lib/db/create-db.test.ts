// Opening a database in a schema of its own (as every PostgreSQL test suite does) must migrate
// that schema even when another schema already holds Kysely's migration tables.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type BerthDb } from './create-db';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('create-db [postgres] skipped: TEST_DATABASE_URL is not set.');

describe.skipIf(!url)('createDb [postgres]', () => {
  const schemas = [`t_${randomBytes(6).toString('hex')}`, `t_${randomBytes(6).toString('hex')}`];
  const opened: BerthDb[] = [];

  afterAll(async () => {
    for (const db of opened) await db.destroy();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it("migrates its own schema while another schema already has Kysely's tables", async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const schema of schemas) await admin.query(`create schema ${schema}`);
    await admin.end();
    for (const schema of schemas) opened.push(await createDb({ url: url as string, searchPath: schema, poolSize: 2 }));

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query<{ schema: string }>(
      `select table_schema as schema from information_schema.tables where table_name = 'kysely_migration_lock' and table_schema = any($1)`,
      [schemas],
    );
    await check.end();
    expect(rows.map((row) => row.schema).sort()).toEqual([...schemas].sort());
  });
});
