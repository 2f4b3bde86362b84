import 'server-only';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { selectFeedbackItems, toFeedbackItem } from './feedback-rows';
import { OPEN_STATUSES } from './schemas';
import type { FeedbackItem } from './types';

export interface KnownIssueFilter {
  app?: string;
  guide?: string;
}

/**
 * Items the platform team marked "known issue" that are still open, about this app or this guide
 * (both given: either). Without a filter: every open known issue. Resolving an item takes it off.
 */
export async function listKnownIssues(filter: KnownIssueFilter = {}, deps: FeedbackDeps = {}): Promise<FeedbackItem[]> {
  const { db } = await feedbackStores(deps);
  let query = selectFeedbackItems(db).where('i.known_issue', '=', 1).where('i.status', 'in', [...OPEN_STATUSES]);
  const { app, guide } = filter;
  if (app || guide) {
    query = query.where((eb) => eb.or([...(app ? [eb('i.app', '=', app)] : []), ...(guide ? [eb('i.guide', '=', guide)] : [])]));
  }
  const rows = await query.orderBy('i.id', 'desc').limit(20).execute();
  return rows.map(toFeedbackItem);
}
