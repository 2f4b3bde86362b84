import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { appendUpdate, findItemRow } from './feedback-rows';
import { COMMENTS_PER_MINUTE, countRecentComments, lockSubmitter } from './rate-limit';
import { addCommentSchema } from './schemas';

/** Anyone who may file feedback may join its thread: the working group talks it through there. */
export async function addComment(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; updateId: number }>> {
  const decision = decide(user, 'feedback.create', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(addCommentSchema, raw);
  if (!parsed.ok) return parsed;
  const { id, body } = parsed.data;
  const { db, now } = await feedbackStores(deps);

  const result = await db.transaction().execute(async (trx): Promise<Result<{ id: number; updateId: number }>> => {
    if (!(await findItemRow(trx, id))) return fail('not-found', `There is no feedback #${id}.`);
    await lockSubmitter(db, trx, user.email);
    if ((await countRecentComments(trx, user.email, now)) >= COMMENTS_PER_MINUTE) {
      return fail('rate-limited', `You have posted ${COMMENTS_PER_MINUTE} comments in the last minute. Wait a minute and post it again — your text is still here.`);
    }
    const updateId = await appendUpdate(trx, { itemId: id, actor: user, kind: 'comment', body, at: now.toISOString() });
    await recordAuditEvent(trx, { actor: user.email, action: 'feedback.comment', target: `feedback:${id}`, details: { update: updateId }, time: now });
    return ok({ id, updateId });
  });
  return result;
}
