import Link from 'next/link';
import { BoardFilters, StatusTabs } from '@/components/feedback/board-filters';
import { FeedbackList } from '@/components/feedback/feedback-list';
import { OpenFeedbackButton } from '@/components/feedback/open-feedback-button';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { listFeedback } from '@/lib/feedback/list-feedback';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { firstValues, type PageSearchParams } from '@/lib/feedback/search-params';

export const metadata = { title: 'Feedback' };

export default async function FeedbackBoardPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requireUser('/feedback');
  const query = firstValues(await searchParams);
  const [board, catalog] = await Promise.all([listFeedback(user, { filter: query }), loadFeedbackCatalog()]);
  if (!board) return null;
  const { filter, items, total, statusCounts } = board;
  const teamNames = Object.fromEntries(catalog.teams.map((t) => [t.id, t.name]));
  const everything = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  const csvQuery = new URLSearchParams(query).toString();

  return (
    <>
      <PageHeader
        title="Feedback"
        description="What the working group has heard: problems on GCP, unclear guides, questions and ideas. Everyone can read the board; the platform team triages it."
        actions={
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/feedback/digest" variant="secondary">
              Weekly digest
            </ButtonLink>
            <ButtonLink href="/feedback/mine" variant="secondary">
              My feedback
            </ButtonLink>
            <OpenFeedbackButton />
          </div>
        }
      />
      <StatusTabs filter={filter} counts={statusCounts} />
      <BoardFilters filter={filter} catalog={catalog} />
      {items.length > 0 ? (
        <>
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-600">
            <p aria-live="polite">
              {total === 1 ? '1 item' : `${total} items`}
              {total > items.length ? ` — showing the ${items.length} newest` : ''}
            </p>
            <a href={`/api/feedback/export.csv${csvQuery ? `?${csvQuery}` : ''}`} download>
              Download as CSV
            </a>
          </div>
          <FeedbackList items={items} teamNames={teamNames} />
        </>
      ) : everything === 0 && filter.status === 'open' && !filter.kind && !filter.team && !filter.app && !filter.session && !filter.guide ? (
        <EmptyState title="Nothing filed yet" action={<OpenFeedbackButton>File the first one</OpenFeedbackButton>}>
          Something broken on GCP, a guide that left you guessing, an idea? Press <kbd className="rounded border border-slate-300 px-1">Shift</kbd>+
          <kbd className="rounded border border-slate-300 px-1">F</kbd> on any page: the form knows which app or guide you are looking at.
        </EmptyState>
      ) : (
        <EmptyState title="No feedback matches these filters" action={<Link href="/feedback?status=all">Show all feedback</Link>}>
          Try another status above, or clear the filters.
        </EmptyState>
      )}
    </>
  );
}
