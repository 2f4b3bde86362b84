import 'server-only';
import type { BerthUser } from '@/lib/auth/user';
import { type FeedbackCatalog, teamNameOf } from './feedback-catalog';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { selectFeedbackItems, toFeedbackItem } from './feedback-rows';
import { listUnhelpfulGuideVotesSince } from './guide-feedback';
import { FEEDBACK_KINDS, type FeedbackKind, OPEN_STATUSES } from './schemas';
import { listSessionRatingsSince, summarizeSessionRatings } from './session-feedback';
import type { FeedbackItem, GuideVote, SessionRating } from './types';

export interface DigestGroup {
  team: string | null;
  teamName: string;
  total: number;
  kinds: { kind: FeedbackKind; items: FeedbackItem[] }[];
}

export interface SessionRatingPoint {
  sessionId: string;
  title: string;
  startsAt: string;
  average: number;
  count: number;
}

export interface FeedbackDigest {
  since: string;
  until: string;
  /** Filed in the period. */
  filed: DigestGroup[];
  /** Resolved or marked won't fix in the period. */
  closed: DigestGroup[];
  /** Everything still open now, whenever it was filed. */
  open: DigestGroup[];
  totals: { filed: number; closed: number; open: number };
  /** Every rated session, oldest first: the ratings-over-time chart. */
  sessionRatings: SessionRatingPoint[];
  /** Session ratings given or changed in the period, with what people wrote. */
  sessionComments: (SessionRating & { sessionTitle: string })[];
  /** Guides marked "not helpful" in the period. */
  unhelpfulGuides: (GuideVote & { guideTitle: string })[];
}

/** The weekly meeting's agenda: what came in, what went out, what is still open, how the sessions landed. */
export async function getFeedbackDigest(user: BerthUser | null, input: { since: Date }, deps: FeedbackDeps = {}): Promise<FeedbackDigest | null> {
  if (!user) return null;
  const { db, now, ...stores } = await feedbackStores(deps);
  const catalog = await stores.catalog();
  const since = input.since.toISOString();
  const until = now.toISOString();
  const items = selectFeedbackItems(db);
  const [filed, closed, open, summaries, ratings, guideVotes] = await Promise.all([
    items.where('i.created_at', '>=', since).where('i.created_at', '<', until).orderBy('i.id', 'asc').execute(),
    items.where('i.closed_at', '>=', since).where('i.closed_at', '<', until).orderBy('i.id', 'asc').execute(),
    items.where('i.status', 'in', [...OPEN_STATUSES]).orderBy('i.id', 'asc').execute(),
    summarizeSessionRatings(db),
    listSessionRatingsSince(db, since, until),
    listUnhelpfulGuideVotesSince(db, since, until),
  ]);
  const sessionTitle = (id: string) => catalog.sessions.find((s) => s.id === id)?.title ?? id;
  const sessionRatings = summaries
    .flatMap((summary) => {
      const session = catalog.sessions.find((s) => s.id === summary.sessionId);
      return session && summary.average !== null
        ? [{ sessionId: session.id, title: session.title, startsAt: session.startsAt, average: summary.average, count: summary.count }]
        : [];
    })
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const group = (rows: typeof filed) => groupByTeamAndKind(rows.map(toFeedbackItem), catalog);
  return {
    since,
    until,
    filed: group(filed),
    closed: group(closed),
    open: group(open),
    totals: { filed: filed.length, closed: closed.length, open: open.length },
    sessionRatings,
    sessionComments: ratings.map((r) => ({ ...r, sessionTitle: sessionTitle(r.sessionId) })),
    unhelpfulGuides: guideVotes.map((v) => ({ ...v, guideTitle: catalog.guides.find((g) => g.slug === v.guide)?.title ?? v.guide })),
  };
}

/** Teams alphabetically (items without a team last), kinds in the form's order. */
export function groupByTeamAndKind(items: FeedbackItem[], catalog: Pick<FeedbackCatalog, 'teams'>): DigestGroup[] {
  const byTeam = new Map<string | null, FeedbackItem[]>();
  for (const item of items) byTeam.set(item.team, [...(byTeam.get(item.team) ?? []), item]);
  return [...byTeam.entries()]
    .map(([team, teamItems]) => ({
      team,
      teamName: teamNameOf(catalog, team),
      total: teamItems.length,
      kinds: FEEDBACK_KINDS.map((kind) => ({ kind, items: teamItems.filter((i) => i.kind === kind) })).filter((k) => k.items.length > 0),
    }))
    .sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.teamName.localeCompare(b.teamName)));
}
