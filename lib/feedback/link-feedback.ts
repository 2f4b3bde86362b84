import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type FeedbackLink, formatFeedbackLink, parseFeedbackLink } from './feedback-link';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { appendUpdate, findItemRow } from './feedback-rows';
import { addLinkSchema } from './schemas';

/** The platform team links the commit, change request or page that fixes an item. */
export async function linkFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; link: FeedbackLink }>> {
  const decision = decide(user, 'feedback.triage', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(addLinkSchema, raw);
  if (!parsed.ok) return parsed;
  const link = parseFeedbackLink(parsed.data.ref);
  if (!link) return fail('invalid', 'That is not a link, a commit sha or a change request id.', { fieldErrors: { ref: ['Not a link, a commit sha or a change request id.'] } });
  const { id } = parsed.data;
  const { db, now } = await feedbackStores(deps);
  const stored = formatFeedbackLink(link);

  return db.transaction().execute(async (trx) => {
    if (!(await findItemRow(trx, id))) return fail('not-found', `There is no feedback #${id}.`);
    const existing = await trx.selectFrom('feedback_updates').select('id').where('item_id', '=', id).where('kind', '=', 'link').where('body', '=', stored).executeTakeFirst();
    if (existing) return fail('conflict', 'That is already linked.', { fieldErrors: { ref: ['That is already linked.'] } });
    await appendUpdate(trx, { itemId: id, actor: user, kind: 'link', body: stored, at: now.toISOString() });
    await recordAuditEvent(trx, { actor: user.email, action: 'feedback.link', target: `feedback:${id}`, details: { link: stored }, time: now });
    return ok({ id, link });
  });
}
