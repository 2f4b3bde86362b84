import 'server-only';
import type { BerthUser } from '@/lib/auth/user';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { selectFeedbackItems, toFeedbackItem, toNumber } from './feedback-rows';
import { type BoardFilter, boardFilterSchema, FEEDBACK_STATUSES, type FeedbackStatus, OPEN_STATUSES } from './schemas';
import type { FeedbackItem } from './types';

export const BOARD_LIMIT = 200;
/** The CSV export takes everything a meeting could want, still bounded. */
export const EXPORT_LIMIT = 10_000;

export interface FeedbackBoard {
  items: FeedbackItem[];
  /** How many match the filters (items is capped at the limit, BOARD_LIMIT by default). */
  total: number;
  /** Per status, with the other filters applied: the status tabs show these. */
  statusCounts: Record<FeedbackStatus, number>;
  filter: BoardFilter;
}

/**
 * The public board: every signed-in person reads every item (the working group's meeting runs
 * from it). `filter` is the query string's values; anything unknown means "any".
 */
export async function listFeedback(user: BerthUser | null, input: { filter: unknown; limit?: number }, deps: FeedbackDeps = {}): Promise<FeedbackBoard | null> {
  if (!user) return null;
  const filter = boardFilterSchema.parse(input.filter ?? {});
  const { db } = await feedbackStores(deps);

  let base = selectFeedbackItems(db);
  if (filter.kind) base = base.where('i.kind', '=', filter.kind);
  if (filter.team) base = base.where('i.team', '=', filter.team);
  if (filter.app) base = base.where('i.app', '=', filter.app);
  if (filter.session) base = base.where('i.session', '=', filter.session);
  if (filter.guide) base = base.where('i.guide', '=', filter.guide);

  const countRows = await base
    .clearSelect()
    .select(['i.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('i.status')
    .execute();
  const statusCounts = Object.fromEntries(FEEDBACK_STATUSES.map((s) => [s, 0])) as Record<FeedbackStatus, number>;
  for (const row of countRows) statusCounts[row.status as FeedbackStatus] = toNumber(row.n);

  let query = base;
  if (filter.status === 'open') query = query.where('i.status', 'in', [...OPEN_STATUSES]);
  else if (filter.status !== 'all') query = query.where('i.status', '=', filter.status);
  query = filter.sort === 'votes' ? query.orderBy('vote_count', 'desc').orderBy('i.id', 'desc') : query.orderBy('i.id', 'desc');
  const rows = await query.limit(input.limit ?? BOARD_LIMIT).execute();

  const statuses = filter.status === 'open' ? OPEN_STATUSES : filter.status === 'all' ? FEEDBACK_STATUSES : [filter.status];
  const total = statuses.reduce((sum, s) => sum + statusCounts[s], 0);
  return { items: rows.map(toFeedbackItem), total, statusCounts, filter };
}
