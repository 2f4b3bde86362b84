import 'server-only';
// The author has seen what was decided on their requests ("Got it" on the home page; opening a
// request does the same). Only the author's own requests are touched: the query filters on them.
import type { BerthUser } from '@/lib/auth/user';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { fail, ok, type Result } from '@/lib/result/result';
import { markDecisionsSeen } from './change-notices';
import type { MarkDecisionsSeenInput } from './home-inputs';

export async function markChangeDecisionsSeen(user: BerthUser | null, input: MarkDecisionsSeenInput, deps: { db?: BerthDb } = {}): Promise<Result<{ marked: number }, never>> {
  if (!user) return fail('unauthenticated', 'Sign in to Berth first.');
  const marked = await markDecisionsSeen(deps.db ?? (await getDb()), user, input.changeIds);
  return ok({ marked });
}
