import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { appendUpdate, findItemRow } from './feedback-rows';
import { assignOwnerSchema, isClosedStatus, setKnownIssueSchema, setStatusSchema, type FeedbackStatus } from './schemas';

// The platform team's triage: status, owner and the known-issue flag. Every change lands in the
// item's timeline (what the reporter sees) and in the audit log, in one transaction.

function refuseUnlessTriager(user: BerthUser | null): Result<never> | null {
  const decision = decide(user, 'feedback.triage', {});
  if (decision.allowed) return null;
  return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
}

export async function setFeedbackStatus(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; status: FeedbackStatus }>> {
  const refused = refuseUnlessTriager(user);
  if (refused || !user) return refused ?? fail('unauthenticated', 'Sign in first.');
  const parsed = parseInput(setStatusSchema, raw);
  if (!parsed.ok) return parsed;
  const { id, status, comment } = parsed.data;
  const { db, now } = await feedbackStores(deps);
  const at = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const row = await findItemRow(trx, id);
    if (!row) return fail('not-found', `There is no feedback #${id}.`);
    if (row.status !== status) {
      await trx
        .updateTable('feedback_items')
        .set({ status, closed_at: isClosedStatus(status) ? at : null })
        .where('id', '=', id)
        .execute();
      await appendUpdate(trx, { itemId: id, actor: user, kind: 'status', from: row.status, to: status, at });
      await recordAuditEvent(trx, {
        actor: user.email,
        action: 'feedback.status',
        target: `feedback:${id}`,
        details: { from: row.status, to: status },
        time: now,
      });
    }
    if (comment) {
      await appendUpdate(trx, { itemId: id, actor: user, kind: 'comment', body: comment, at });
      await recordAuditEvent(trx, { actor: user.email, action: 'feedback.comment', target: `feedback:${id}`, details: { withStatus: status }, time: now });
    }
    return ok({ id, status });
  });
}

export async function assignFeedbackOwner(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; owner: string | null }>> {
  const refused = refuseUnlessTriager(user);
  if (refused || !user) return refused ?? fail('unauthenticated', 'Sign in first.');
  const parsed = parseInput(assignOwnerSchema, raw);
  if (!parsed.ok) return parsed;
  const { id } = parsed.data;
  const ownerEmail = parsed.data.ownerEmail?.toLowerCase() ?? null;
  const { db, now, catalog } = await feedbackStores(deps);
  const owner = ownerEmail ? (await catalog()).platformPeople.find((p) => p.email === ownerEmail) : null;
  if (ownerEmail && !owner) {
    return fail('invalid', 'Only someone on the platform team can own feedback.', {
      fieldErrors: { ownerEmail: [`${ownerEmail} is not on the platform team.`] },
    });
  }

  return db.transaction().execute(async (trx) => {
    const row = await findItemRow(trx, id);
    if (!row) return fail('not-found', `There is no feedback #${id}.`);
    if ((row.owner_email ?? null) === ownerEmail) return ok({ id, owner: ownerEmail });
    await trx
      .updateTable('feedback_items')
      .set({ owner_email: owner?.email ?? null, owner_name: owner?.name ?? null })
      .where('id', '=', id)
      .execute();
    await appendUpdate(trx, { itemId: id, actor: user, kind: 'owner', from: row.owner_name, to: owner?.name ?? null, at: now.toISOString() });
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'feedback.assign',
      target: `feedback:${id}`,
      details: { from: row.owner_email, to: ownerEmail },
      time: now,
    });
    return ok({ id, owner: ownerEmail });
  });
}

export async function setFeedbackKnownIssue(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number; knownIssue: boolean }>> {
  const refused = refuseUnlessTriager(user);
  if (refused || !user) return refused ?? fail('unauthenticated', 'Sign in first.');
  const parsed = parseInput(setKnownIssueSchema, raw);
  if (!parsed.ok) return parsed;
  const { id, knownIssue } = parsed.data;
  const { db, now } = await feedbackStores(deps);

  return db.transaction().execute(async (trx) => {
    const row = await findItemRow(trx, id);
    if (!row) return fail('not-found', `There is no feedback #${id}.`);
    // The banner shows on the app's or the guide's page: without either it would show nowhere.
    if (knownIssue && !row.app && !row.guide) {
      return fail('invalid', 'A known issue shows on an app or a guide page; this item concerns neither.');
    }
    if ((Number(row.known_issue) === 1) === knownIssue) return ok({ id, knownIssue });
    await trx.updateTable('feedback_items').set({ known_issue: knownIssue ? 1 : 0 }).where('id', '=', id).execute();
    await appendUpdate(trx, { itemId: id, actor: user, kind: 'known-issue', to: knownIssue ? 'yes' : 'no', at: now.toISOString() });
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'feedback.known-issue',
      target: `feedback:${id}`,
      details: { knownIssue, app: row.app, guide: row.guide },
      time: now,
    });
    return ok({ id, knownIssue });
  });
}
