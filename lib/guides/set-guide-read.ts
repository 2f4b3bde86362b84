import 'server-only';
import type { BerthUser } from '@/lib/auth/user';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { fail, ok, type Result } from '@/lib/result/result';
import { getGuide } from './load-guides';
import { listGuideReadsOf, markGuideRead, markGuideUnread } from './reading-progress';

/** "Mark as read" / "Mark as unread" for the signed-in person; only guides that exist count. */
export async function setGuideRead(
  user: BerthUser,
  input: { slug: string; read: boolean },
  deps: { db?: BerthDb } = {},
): Promise<Result<{ read: boolean; readAt: string | null }>> {
  if (!getGuide(input.slug)) return fail('not-found', 'There is no such guide.');
  const db = deps.db ?? (await getDb());
  if (input.read) await markGuideRead(db, { email: user.email, slug: input.slug });
  else await markGuideUnread(db, { email: user.email, slug: input.slug });
  const readAt = (await listGuideReadsOf(db, user.email)).get(input.slug) ?? null;
  return ok({ read: readAt !== null, readAt });
}
