import 'server-only';
import { sql } from 'kysely';
import { getDb } from './get-db';

/** A cheap round trip for /api/readyz. */
export async function checkDatabase(): Promise<{ ok: true; dialect: string } | { ok: false; error: string }> {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return { ok: true, dialect: db.dialect };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
