import 'server-only';
import { type Kysely, sql } from 'kysely';
import type { BerthUser } from '@/lib/auth/user';
import type { Database } from '@/lib/db/schema';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { selectFeedbackItems, toFeedbackItem, toNumber } from './feedback-rows';
import type { MyFeedbackItem } from './types';

// What the reporter has not seen yet: updates by someone else on their items, newer than the last
// update they saw on the item's page. Their own comments and edits never count.

function unreadUpdates(db: Kysely<Database>, email: string) {
  return db
    .selectFrom('feedback_updates as u')
    .innerJoin('feedback_items as i', 'i.id', 'u.item_id')
    .leftJoin('feedback_reads as r', (join) => join.onRef('r.item_id', '=', 'i.id').on('r.email', '=', email))
    .where('i.reporter_email', '=', email)
    .where('u.actor_email', '<>', email)
    .where('u.id', '>', sql<number>`coalesce(r.seen_update_id, 0)`);
}

/** The header badge's number. */
export async function countUnreadFeedbackUpdates(user: BerthUser | null, deps: FeedbackDeps = {}): Promise<number> {
  if (!user) return 0;
  const { db } = await feedbackStores(deps);
  const row = await unreadUpdates(db, user.email)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return toNumber(row?.n);
}

/** "My feedback": everything this person filed, newest activity first, with unread counts. */
export async function listMyFeedback(user: BerthUser | null, deps: FeedbackDeps = {}): Promise<MyFeedbackItem[]> {
  if (!user) return [];
  const { db } = await feedbackStores(deps);
  const [rows, unread] = await Promise.all([
    selectFeedbackItems(db).where('i.reporter_email', '=', user.email).orderBy('i.updated_at', 'desc').orderBy('i.id', 'desc').limit(500).execute(),
    unreadUpdates(db, user.email)
      .select(['u.item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('u.item_id')
      .execute(),
  ]);
  const unreadByItem = new Map(unread.map((r) => [toNumber(r.item_id), toNumber(r.n)]));
  return rows.map((row) => {
    const item = toFeedbackItem(row);
    return { ...item, unread: unreadByItem.get(item.id) ?? 0 };
  });
}

/** The person has read the item up to its latest update (called when they open its page). */
export async function markFeedbackSeen(user: BerthUser | null, itemId: number, deps: FeedbackDeps = {}): Promise<void> {
  if (!user) return;
  const { db } = await feedbackStores(deps);
  const latest = await db
    .selectFrom('feedback_updates')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  const seen = toNumber(latest?.id);
  if (!seen) return;
  await db
    .insertInto('feedback_reads')
    .values({ item_id: itemId, email: user.email, seen_update_id: seen })
    .onConflict((oc) => oc.columns(['item_id', 'email']).doUpdateSet({ seen_update_id: seen }))
    .execute();
}

/** "Mark all as read" on My feedback. */
export async function markAllFeedbackSeen(user: BerthUser | null, deps: FeedbackDeps = {}): Promise<void> {
  if (!user) return;
  const { db } = await feedbackStores(deps);
  const items = await db.selectFrom('feedback_items').select('id').where('reporter_email', '=', user.email).execute();
  for (const item of items) await markFeedbackSeen(user, toNumber(item.id), { db });
}
