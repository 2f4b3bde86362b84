import 'server-only';
import type { Kysely } from 'kysely';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/schema';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { toNumber } from './feedback-rows';
import { type GuideUnhelpfulReason, guideFeedbackSchema } from './schemas';
import type { GuideVote, GuideVoteSummary } from './types';

/** "Was this helpful?": one answer per person per guide, changed by answering again. */
export async function saveGuideFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ guide: string; helpful: boolean }>> {
  const decision = decide(user, 'feedback.create', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(guideFeedbackSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const { db, now, catalog } = await feedbackStores(deps);
  if (!(await catalog()).guides.some((g) => g.slug === input.guide)) return fail('not-found', `There is no guide called ${input.guide}.`);
  const at = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const values = { helpful: input.helpful ? 1 : 0, reason: input.reason ?? null, comment: input.comment, name: user.name, updated_at: at };
    await trx
      .insertInto('guide_feedback')
      .values({ guide: input.guide, email: user.email, created_at: at, ...values })
      .onConflict((oc) => oc.columns(['guide', 'email']).doUpdateSet(values))
      .execute();
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'feedback.guide-vote',
      target: `guide:${input.guide}`,
      details: { helpful: input.helpful, reason: input.reason },
      time: now,
    });
    return ok({ guide: input.guide, helpful: input.helpful });
  });
}

/** This person's answer about a guide, or null before they answer. */
export async function getMyGuideFeedback(user: BerthUser | null, guide: string, deps: FeedbackDeps = {}): Promise<GuideVote | null> {
  if (!user) return null;
  const { db } = await feedbackStores(deps);
  const row = await db.selectFrom('guide_feedback').selectAll().where('guide', '=', guide).where('email', '=', user.email).executeTakeFirst();
  return row ? toGuideVote(row) : null;
}

export async function summarizeGuideVotes(db: Kysely<Database>, guide: string): Promise<GuideVoteSummary> {
  const rows = await db
    .selectFrom('guide_feedback')
    .select(['helpful', (eb) => eb.fn.countAll<number>().as('n')])
    .where('guide', '=', guide)
    .groupBy('helpful')
    .execute();
  const count = (helpful: number) => toNumber(rows.find((r) => toNumber(r.helpful) === helpful)?.n);
  return { guide, helpful: count(1), notHelpful: count(0) };
}

/** "Not helpful" answers given or changed since a time, newest first (the digest reads them out). */
export async function listUnhelpfulGuideVotesSince(db: Kysely<Database>, since: string, until?: string): Promise<GuideVote[]> {
  let query = db.selectFrom('guide_feedback').selectAll().where('helpful', '=', 0).where('updated_at', '>=', since);
  if (until) query = query.where('updated_at', '<', until);
  return (await query.orderBy('updated_at', 'desc').limit(500).execute()).map(toGuideVote);
}

function toGuideVote(row: { guide: string; helpful: number; reason: string | null; comment: string; email: string; name: string; updated_at: string }): GuideVote {
  return {
    guide: row.guide,
    helpful: toNumber(row.helpful) === 1,
    reason: (row.reason as GuideUnhelpfulReason | null) ?? null,
    comment: row.comment,
    person: { email: row.email, name: row.name },
    updatedAt: row.updated_at,
  };
}
