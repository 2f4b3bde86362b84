import 'server-only';
// Telling the owning team: every break-glass on one of their apps shows on the app page and in
// each member's header badge until they have seen it.
import { sql } from 'kysely';
import type { BerthUser } from '@/lib/auth/user';
import type { Catalog } from '@/lib/catalog/types';
import type { BerthDb } from '@/lib/db/create-db';
import { type LogAccessDeps, logAccessStores } from './log-access-deps';
import { listBreakGlassGrants, type LogAccessGrant } from './log-access-grants';

/** How far back notices reach (the weekly activity report keeps the full record). */
export const NOTICE_DAYS = 14;

export interface BreakGlassNotice extends LogAccessGrant {
  /** The grant is still running at `now`. */
  active: boolean;
  /** This person has seen the notice. */
  seen: boolean;
}

function ownApps(catalog: Pick<Catalog, 'apps'>, user: BerthUser): string[] {
  if (!user.team || user.role === 'unlisted') return [];
  return catalog.apps.filter((a) => a.team === user.team).map((a) => a.name);
}

function since(now: Date): Date {
  return new Date(now.getTime() - NOTICE_DAYS * 24 * 60 * 60_000);
}

/** Break-glass on the apps of the person's team, newest first, with whether they saw each. */
export async function listBreakGlassNotices(user: BerthUser, deps: LogAccessDeps = {}): Promise<BreakGlassNotice[]> {
  const { db, now, catalog } = await logAccessStores(deps);
  const grants = await listBreakGlassGrants(db, { apps: ownApps(await catalog(), user), since: since(now) });
  return withSeen(db, user, grants, now);
}

/** Break-glass on one app (its page shows them to everyone who can see the app). */
export async function listBreakGlassOnApp(user: BerthUser, app: string, deps: LogAccessDeps = {}): Promise<BreakGlassNotice[]> {
  const { db, now } = await logAccessStores(deps);
  return withSeen(db, user, await listBreakGlassGrants(db, { apps: [app], since: since(now), limit: 20 }), now);
}

/** The header badge's number: notices of the person's team's apps they have not seen. */
export async function countUnseenBreakGlassNotices(user: BerthUser | null, deps: LogAccessDeps = {}): Promise<number> {
  if (!user) return 0;
  const { db, now, catalog } = await logAccessStores(deps);
  const apps = ownApps(await catalog(), user);
  if (apps.length === 0) return 0;
  const row = await db
    .selectFrom('log_access_grants as g')
    .leftJoin('log_access_notices_seen as s', (join) => join.onRef('s.grant_id', '=', 'g.id').on('s.email', '=', user.email))
    .where('g.kind', '=', 'break-glass')
    .where('g.app', 'in', apps)
    .where('g.created_at', '>=', since(now).toISOString())
    .where('g.email', '<>', user.email)
    .where(sql<boolean>`s.grant_id is null`)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The person has seen these notices (on the app page or their notices list). */
export async function markBreakGlassNoticesSeen(user: BerthUser, grantIds: readonly number[], deps: LogAccessDeps = {}): Promise<void> {
  if (grantIds.length === 0) return;
  const { db, now } = await logAccessStores(deps);
  for (const id of grantIds) {
    await db
      .insertInto('log_access_notices_seen')
      .values({ grant_id: id, email: user.email, seen_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['grant_id', 'email']).doNothing())
      .execute();
  }
}

async function withSeen(db: BerthDb, user: BerthUser, grants: LogAccessGrant[], now: Date): Promise<BreakGlassNotice[]> {
  if (grants.length === 0) return [];
  const seen = await db
    .selectFrom('log_access_notices_seen')
    .select('grant_id')
    .where('email', '=', user.email)
    .where(
      'grant_id',
      'in',
      grants.map((g) => g.id),
    )
    .execute();
  const seenIds = new Set(seen.map((r) => Number(r.grant_id)));
  return grants.map((g) => ({ ...g, active: Date.parse(g.expiresAt) > now.getTime(), seen: seenIds.has(g.id) || g.email === user.email }));
}
