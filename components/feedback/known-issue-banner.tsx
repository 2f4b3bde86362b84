import Link from 'next/link';
import { RelativeTime } from '@/components/ui/relative-time';
import { listKnownIssues } from '@/lib/feedback/known-issues';
import { feedbackStatusLabels } from '@/lib/feedback/feedback-terms';
import type { FeedbackItem } from '@/lib/feedback/types';
import { logger } from '@/lib/logger/logger';

/**
 * Open items the platform team marked "known issue" about this app or guide, as a banner at the
 * top of its page; it disappears when the item is resolved. Mount: <KnownIssueBanner app="…" />
 * or <KnownIssueBanner guide="…" />.
 */
export async function KnownIssueBanner({ app, guide }: { app?: string; guide?: string }) {
  if (!app && !guide) return null;
  let issues: FeedbackItem[];
  try {
    issues = await listKnownIssues({ app, guide });
  } catch (error) {
    // The page it sits on matters more than the banner: log and leave it out.
    logger.error({ err: error, app, guide }, 'known-issue banner: could not read feedback');
    return null;
  }
  if (issues.length === 0) return null;
  return (
    <section aria-label="Known issues" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">
        {issues.length === 1 ? 'Known issue' : `${issues.length} known issues`}: the platform team is on {issues.length === 1 ? 'it' : 'them'}
      </p>
      <ul className="mt-1 space-y-1">
        {issues.map((issue) => (
          <li key={issue.id}>
            <Link href={`/feedback/${issue.id}`} className="font-medium text-amber-950 underline">
              {issue.title}
            </Link>{' '}
            <span className="text-amber-900">
              · {feedbackStatusLabels[issue.status]} · updated <RelativeTime iso={issue.updatedAt} />
              {issue.votes > 0 ? ` · ${issue.votes} me too` : ''}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-amber-900">Hit it too? Say “me too” on the item: it helps the working group decide what comes first.</p>
    </section>
  );
}
