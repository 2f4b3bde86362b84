import 'server-only';
// What follows a person around Berth about change requests: how many wait for their review (the
// navigation's count) and the decisions on their own requests they have not seen yet (the
// header's notice), until they open the request or say they have seen them.
import { type Kysely, sql } from 'kysely';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { Catalog } from '@/lib/catalog/types';
import type { ChangeEventKind, ChangeStatus } from '@/lib/changes/change-request';
import type { Database } from '@/lib/db/schema';

/** Events that decide what happens to a request: the author wants to know of each. */
export const DECISION_KINDS: ChangeEventKind[] = ['approved', 'merged', 'rejected', 'stale', 'merge-refused'];

export interface ChangeDecision {
  changeId: number;
  app: string;
  title: string;
  /** The request's status now. */
  status: ChangeStatus;
  /** The newest decision: who, what and when. */
  kind: ChangeEventKind;
  actor: string;
  body: string | null;
  time: string;
  eventId: number;
}

/** The apps whose requests this person may review (never their own requests). */
export function reviewableApps(user: BerthUser, catalog: Catalog): string[] {
  return catalog.apps.filter((app) => decide(user, 'change.approve', { app, authorEmail: '' }).allowed).map((a) => a.name);
}

/** The navigation's number: one count query. */
export async function countWaitingReviews(db: Kysely<Database>, user: BerthUser | null, catalog: Catalog): Promise<number> {
  if (!user || user.role === 'unlisted') return 0;
  const apps = reviewableApps(user, catalog);
  if (apps.length === 0) return 0;
  const row = await db
    .selectFrom('change_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open')
    .where('app', 'in', apps)
    .where('author_email', '!=', user.email)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Decisions by someone else on this person's requests that they have not seen, newest first, one per request. */
export async function listUnseenDecisions(db: Kysely<Database>, user: BerthUser | null, limit = 20): Promise<ChangeDecision[]> {
  if (!user || user.role === 'unlisted') return [];
  const rows = await db
    .selectFrom('change_request_events as e')
    .innerJoin('change_requests as c', 'c.id', 'e.change_id')
    .leftJoin('change_request_reads as r', (join) => join.onRef('r.change_id', '=', 'c.id').on('r.email', '=', user.email))
    .select(['e.id', 'e.change_id', 'e.kind', 'e.actor_name', 'e.body', 'e.created_at', 'c.app', 'c.title', 'c.status'])
    .where('c.author_email', '=', user.email)
    .where('e.kind', 'in', DECISION_KINDS)
    .where('e.actor_email', '!=', user.email)
    .where('e.id', '>', sql<number>`coalesce(r.seen_event_id, 0)`)
    .orderBy('e.id', 'desc')
    .limit(limit * 4)
    .execute();
  const byChange = new Map<number, ChangeDecision>();
  for (const row of rows) {
    const changeId = Number(row.change_id);
    if (byChange.has(changeId)) continue;
    byChange.set(changeId, {
      changeId,
      app: row.app,
      title: row.title,
      status: row.status as ChangeStatus,
      kind: row.kind as ChangeEventKind,
      actor: row.actor_name,
      body: row.body,
      time: row.created_at,
      eventId: Number(row.id),
    });
  }
  return [...byChange.values()].slice(0, limit);
}

/**
 * The author has seen everything that happened to these requests so far (all of their requests
 * when `changeIds` is absent). Someone else's request is left alone.
 */
export async function markDecisionsSeen(db: Kysely<Database>, user: BerthUser | null, changeIds?: number[]): Promise<number> {
  if (!user || user.role === 'unlisted') return 0;
  if (changeIds && changeIds.length === 0) return 0;
  let query = db
    .selectFrom('change_request_events as e')
    .innerJoin('change_requests as c', 'c.id', 'e.change_id')
    .select(['e.change_id', (eb) => eb.fn.max('e.id').as('latest')])
    .where('c.author_email', '=', user.email)
    .groupBy('e.change_id');
  if (changeIds) query = query.where('e.change_id', 'in', changeIds);
  const latest = await query.execute();
  const now = new Date().toISOString();
  for (const row of latest) {
    const seen = Number(row.latest);
    await db
      .insertInto('change_request_reads')
      .values({ change_id: Number(row.change_id), email: user.email, seen_event_id: seen, seen_at: now })
      .onConflict((oc) => oc.columns(['change_id', 'email']).doUpdateSet({ seen_event_id: seen, seen_at: now }))
      .execute();
  }
  return latest.length;
}
