import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { findItemRow, toNumber } from './feedback-rows';
import { type FeedbackStatus, isClosedStatus, voteSchema } from './schemas';

/** Why someone may not say "me too", or null when they may. */
export function voteRefusal(user: { email: string }, item: { reporterEmail: string; status: FeedbackStatus }): string | null {
  if (item.reporterEmail.toLowerCase() === user.email) return 'You filed this one: “me too” is for others who hit the same thing.';
  if (isClosedStatus(item.status)) return 'This is closed: file a new item if it happens again.';
  return null;
}

/** "Me too": one vote per person (the primary key holds it even under double clicks). */
export async function voteFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; voted: boolean; votes: number }>> {
  const decision = decide(user, 'feedback.create', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(voteSchema, raw);
  if (!parsed.ok) return parsed;
  const { id, voted } = parsed.data;
  const { db, now } = await feedbackStores(deps);

  return db.transaction().execute(async (trx) => {
    const row = await findItemRow(trx, id);
    if (!row) return fail('not-found', `There is no feedback #${id}.`);
    const refusal = voteRefusal(user, { reporterEmail: row.reporter_email, status: row.status as FeedbackStatus });
    if (refusal) return fail('forbidden', refusal);
    const changed = voted
      ? await trx
          .insertInto('feedback_votes')
          .values({ item_id: id, email: user.email, created_at: now.toISOString() })
          .onConflict((oc) => oc.columns(['item_id', 'email']).doNothing())
          .executeTakeFirst()
      : await trx.deleteFrom('feedback_votes').where('item_id', '=', id).where('email', '=', user.email).executeTakeFirst();
    const affected = 'numInsertedOrUpdatedRows' in changed ? changed.numInsertedOrUpdatedRows : changed.numDeletedRows;
    if (toNumber(affected) > 0) {
      await recordAuditEvent(trx, { actor: user.email, action: voted ? 'feedback.vote' : 'feedback.unvote', target: `feedback:${id}`, time: now });
    }
    const count = await trx.selectFrom('feedback_votes').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', id).executeTakeFirst();
    return ok({ id, voted, votes: toNumber(count?.n) });
  });
}
