import 'server-only';
import { sql, type Transaction } from 'kysely';
import type { BerthDb } from '@/lib/db/get-db';
import type { Database } from '@/lib/db/schema';
import { toNumber } from './feedback-rows';

// Counted in the database, not in memory, so the limit holds across Berth's replicas.
export const ITEMS_PER_MINUTE = 5;
export const COMMENTS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

/**
 * Serialize one person's submissions for the rest of the transaction, so two replicas cannot both
 * count 4 and insert the 5th and 6th. SQLite writes are already serialized by its single writer.
 */
export async function lockSubmitter(db: BerthDb, trx: Transaction<Database>, email: string): Promise<void> {
  if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`feedback:${email}`}))`.execute(trx);
}

export async function countRecentItems(trx: Transaction<Database>, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const row = await trx
    .selectFrom('feedback_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reporter_email', '=', email)
    .where('created_at', '>', since)
    .executeTakeFirst();
  return toNumber(row?.n);
}

export async function countRecentComments(trx: Transaction<Database>, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const row = await trx
    .selectFrom('feedback_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('actor_email', '=', email)
    .where('kind', '=', 'comment')
    .where('created_at', '>', since)
    .executeTakeFirst();
  return toNumber(row?.n);
}
