import 'server-only';

import type { BerthUser } from '@/lib/auth/user';
import { getDb } from '@/lib/db/get-db';

import { getGuide } from './load-guides';
import { listGuideReadsOf, markGuideRead, markGuideUnread } from './reading-progress';

export type SetGuideReadResult = { status: 'ok'; read: boolean; readAt: string | null } | { status: 'not-found' };

/** "Mark as read" / "Mark as unread" for the signed-in person; only guides that exist count. */
export async function setGuideRead(user: BerthUser, input: { slug: string; read: boolean }): Promise<SetGuideReadResult> {
  if (!getGuide(input.slug)) return { status: 'not-found' };
  const db = await getDb();
  if (input.read) await markGuideRead(db, { email: user.email, slug: input.slug });
  else await markGuideUnread(db, { email: user.email, slug: input.slug });
  const readAt = (await listGuideReadsOf(db, user.email)).get(input.slug) ?? null;
  return { status: 'ok', read: readAt !== null, readAt };
}
