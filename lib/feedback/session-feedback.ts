import 'server-only';
import type { Kysely } from 'kysely';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Database } from '@/lib/db/schema';
import { sessionHasStarted } from './feedback-catalog';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { toNumber } from './feedback-rows';
import { sessionFeedbackSchema } from './schemas';
import type { SessionRating, SessionRatingSummary } from './types';

/** Rate a training session: one rating per person per session (a unique constraint), changed by saving again. */
export async function saveSessionFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ sessionId: string; created: boolean }>> {
  const decision = decide(user, 'feedback.create', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(sessionFeedbackSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const { db, now, catalog } = await feedbackStores(deps);
  const session = (await catalog()).sessions.find((s) => s.id === input.sessionId);
  if (!session) return fail('not-found', `There is no training session ${input.sessionId}.`);
  if (!sessionHasStarted(session, now)) {
    return fail('invalid', 'This session has not taken place yet: rate it once it has started.');
  }
  const at = now.toISOString();

  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('session_feedback')
      .select('id')
      .where('session_id', '=', input.sessionId)
      .where('email', '=', user.email)
      .executeTakeFirst();
    const values = { rating: input.rating, clear: input.clear, unclear: input.unclear, next_topics: input.nextTopics, name: user.name, team: user.team, updated_at: at };
    await trx
      .insertInto('session_feedback')
      .values({ session_id: input.sessionId, email: user.email, created_at: at, ...values })
      .onConflict((oc) => oc.columns(['session_id', 'email']).doUpdateSet(values))
      .execute();
    await recordAuditEvent(trx, {
      actor: user.email,
      action: existing ? 'feedback.session-rating.update' : 'feedback.session-rating.create',
      target: `session:${input.sessionId}`,
      details: { rating: input.rating },
      time: now,
    });
    return ok({ sessionId: input.sessionId, created: !existing });
  });
}

/** A session page's panel: this person's rating (null before they rate) and everyone's summary. */
export async function getSessionFeedback(
  user: BerthUser | null,
  sessionId: string,
  deps: FeedbackDeps = {},
): Promise<{ mine: SessionRating | null; summary: SessionRatingSummary | undefined }> {
  const { db } = await feedbackStores(deps);
  const [mine, [summary]] = await Promise.all([getMySessionFeedback(user, sessionId, { db }), summarizeSessionRatings(db, [sessionId])]);
  return { mine, summary };
}

export async function getMySessionFeedback(user: BerthUser | null, sessionId: string, deps: FeedbackDeps = {}): Promise<SessionRating | null> {
  if (!user) return null;
  const { db } = await feedbackStores(deps);
  const row = await db.selectFrom('session_feedback').selectAll().where('session_id', '=', sessionId).where('email', '=', user.email).executeTakeFirst();
  return row ? toSessionRating(row) : null;
}

/** Every session's ratings in one pass (the digest's chart and the session pages). */
export async function summarizeSessionRatings(db: Kysely<Database>, sessionIds?: string[]): Promise<SessionRatingSummary[]> {
  let query = db
    .selectFrom('session_feedback')
    .select(['session_id', 'rating', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['session_id', 'rating']);
  if (sessionIds) {
    if (sessionIds.length === 0) return [];
    query = query.where('session_id', 'in', sessionIds);
  }
  const bySession = new Map<string, SessionRatingSummary>();
  for (const row of await query.execute()) {
    const summary = bySession.get(row.session_id) ?? { sessionId: row.session_id, count: 0, average: null, distribution: [0, 0, 0, 0, 0] };
    const rating = toNumber(row.rating);
    const n = toNumber(row.n);
    if (rating >= 1 && rating <= 5) summary.distribution[rating - 1] += n;
    summary.count += n;
    bySession.set(row.session_id, summary);
  }
  for (const summary of bySession.values()) {
    summary.average = summary.count ? summary.distribution.reduce((sum, n, i) => sum + n * (i + 1), 0) / summary.count : null;
  }
  return [...bySession.values()];
}

/** Ratings given or changed since a time, newest first (what the digest reads out). */
export async function listSessionRatingsSince(db: Kysely<Database>, since: string, until?: string): Promise<SessionRating[]> {
  let query = db.selectFrom('session_feedback').selectAll().where('updated_at', '>=', since);
  if (until) query = query.where('updated_at', '<', until);
  const rows = await query.orderBy('updated_at', 'desc').limit(500).execute();
  return rows.map(toSessionRating);
}

function toSessionRating(row: { session_id: string; rating: number; clear: string; unclear: string; next_topics: string; email: string; name: string; team: string | null; updated_at: string }): SessionRating {
  return {
    sessionId: row.session_id,
    rating: toNumber(row.rating),
    clear: row.clear,
    unclear: row.unclear,
    nextTopics: row.next_topics,
    person: { email: row.email, name: row.name, team: row.team },
    updatedAt: row.updated_at,
  };
}
