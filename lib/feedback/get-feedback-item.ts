import 'server-only';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { selectFeedbackItems, toFeedbackItem, toFeedbackUpdate } from './feedback-rows';
import type { FeedbackItemDetail } from './types';
import { voteRefusal } from './vote-feedback';

/** One item with its timeline and what this person may do with it; null when there is no such item. */
export async function getFeedbackItem(user: BerthUser | null, id: number, deps: FeedbackDeps = {}): Promise<FeedbackItemDetail | null> {
  if (!user || !Number.isSafeInteger(id) || id <= 0) return null;
  const { db } = await feedbackStores(deps);
  const row = await selectFeedbackItems(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const item = toFeedbackItem(row);
  const [updates, vote] = await Promise.all([
    db.selectFrom('feedback_updates').selectAll().where('item_id', '=', id).orderBy('id', 'asc').execute(),
    db.selectFrom('feedback_votes').select('email').where('item_id', '=', id).where('email', '=', user.email).executeTakeFirst(),
  ]);
  const edit = decide(user, 'feedback.editOwn', { reporterEmail: item.reporter.email, status: item.status });
  const voteReason = voteRefusal(user, { reporterEmail: item.reporter.email, status: item.status });
  return {
    item,
    updates: updates.map(toFeedbackUpdate),
    votedByMe: Boolean(vote),
    permissions: {
      edit: edit.allowed,
      editReason: edit.allowed ? '' : edit.reason,
      triage: decide(user, 'feedback.triage', {}).allowed,
      comment: decide(user, 'feedback.create', {}).allowed,
      vote: decide(user, 'feedback.create', {}).allowed && voteReason === null,
      voteReason: voteReason ?? '',
    },
  };
}
