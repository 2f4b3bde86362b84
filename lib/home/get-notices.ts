import 'server-only';
// The header's notices: the count of reviews waiting (one count query) and the decisions on the
// person's own requests they have not seen (one query). Read on every page, so nothing else.
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ChangeDecision, countWaitingReviews, listUnseenDecisions } from './change-notices';

export interface PersonNotices {
  reviewsWaiting: number;
  decisions: ChangeDecision[];
}

export const NO_NOTICES: PersonNotices = { reviewsWaiting: 0, decisions: [] };

export async function getNotices(user: BerthUser | null, deps: { db?: BerthDb; catalog?: Catalog } = {}): Promise<PersonNotices> {
  if (!user || user.role === 'unlisted') return NO_NOTICES;
  const [db, catalog] = await Promise.all([deps.db ?? getDb(), deps.catalog ?? loadCatalog()]);
  const [reviewsWaiting, decisions] = await Promise.all([countWaitingReviews(db, user, catalog), listUnseenDecisions(db, user, 10)]);
  return { reviewsWaiting, decisions };
}
