import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { appendUpdate, findItemRow, writtenColumns } from './feedback-rows';
import { editFeedbackSchema } from './schemas';

/** The reporter rewords their item until the platform team has triaged it (the platform team always may). */
export async function editFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number }>> {
  if (!user) return fail('unauthenticated', 'Sign in first.');
  const parsed = parseInput(editFeedbackSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const { db, now } = await feedbackStores(deps);

  return db.transaction().execute(async (trx) => {
    const row = await findItemRow(trx, input.id);
    if (!row) return fail('not-found', `There is no feedback #${input.id}.`);
    const decision = decide(user, 'feedback.editOwn', { reporterEmail: row.reporter_email, status: row.status });
    if (!decision.allowed) return fail('forbidden', decision.reason);

    const next = writtenColumns(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((field) => String(next[field]) !== String(row[field]));
    if (changed.length === 0) return ok({ id: input.id });

    const at = now.toISOString();
    await trx
      .updateTable('feedback_items')
      .set(next)
      .where('id', '=', input.id)
      .execute();
    await appendUpdate(trx, { itemId: input.id, actor: user, kind: 'edited', body: changed.join(', '), at });
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'feedback.edit',
      target: `feedback:${input.id}`,
      details: { fields: changed },
      time: now,
    });
    return ok({ id: input.id });
  });
}
