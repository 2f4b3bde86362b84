import Link from 'next/link';
import { ActivityFilters, activityHref } from '@/components/activity/activity-filters';
import { ActivityCoverageList, ActivityList } from '@/components/activity/activity-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import type { ActivityKind } from '@/lib/activity/activity-kinds';
import { getActivityReport } from '@/lib/activity/get-activity-report';
import { requireUser } from '@/lib/auth/get-current-user';
import { firstValues, type PageSearchParams } from '@/lib/feedback/search-params';

export const metadata = { title: 'Activity report' };

/** More than this is for the CSV: a page meant to be read top to bottom. */
const SHOWN = 500;

// Each environment's weekly activity report (Aptible's Activity Reports): the platform team's
// record of who changed, approved, rolled out and read what.
export default async function ActivityPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requireUser('/activity');
  const query = firstValues(await searchParams);
  const result = await getActivityReport(user, query);
  if (!result.ok) {
    if (result.error.code === 'forbidden') {
      return (
        <>
          <PageHeader title="Activity report" />
          <EmptyState title="Only the platform team reads the activity report">
            It lists every change, approval, rollout, sign-in and production log read of an environment. Your team’s own break-glass notices are on{' '}
            <Link href="/log-access">Production log access</Link>.
          </EmptyState>
        </>
      );
    }
    return (
      <>
        <PageHeader title="Activity report" />
        <EmptyState title="This report cannot be shown" action={<Link href="/activity">This week’s report</Link>}>
          {result.error.message}
        </EmptyState>
      </>
    );
  }
  const report = result.data;
  const { filters } = report;
  const names = new Map(report.choices.people.map((p) => [p.email, p.name]));
  const counts = new Map<ActivityKind, number>();
  for (const e of report.events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const end = new Date(Date.parse(report.end) - 1).toISOString().slice(0, 10);

  return (
    <>
      <PageHeader
        title={`Activity report: ${filters.environment}, week ${report.week}`}
        description={`Monday ${report.start.slice(0, 10)} to Sunday ${end} (UTC): values commits, approvals and rejections, rollouts, restart bursts, break-glass, production log reads and sign-ins to Berth. Audit events are kept ${report.retentionDays.toLocaleString('en-US')} days, then pruned; nothing here can be edited through Berth.`}
        actions={
          <a href={activityHref(filters, {}, '/api/activity/export.csv')} download className="text-sm">
            Download as CSV
          </a>
        }
      />
      <nav aria-label="Weeks" className="mb-3 flex flex-wrap gap-4 text-sm">
        <Link href={activityHref(filters, { week: report.weeks.previous })}>← Week {report.weeks.previous}</Link>
        {report.weeks.next ? <Link href={activityHref(filters, { week: report.weeks.next })}>Week {report.weeks.next} →</Link> : null}
      </nav>
      <ActivityFilters filters={filters} choices={report.choices} />
      <ActivityCoverageList coverage={report.coverage} counts={counts} />
      {report.events.length === 0 ? (
        <EmptyState title="No events listed for this week">
          {filters.kind || filters.app || filters.person ? 'Nothing matches these filters. ' : ''}Read “What this report can show” above: a kind that is partial or not available may still have happened.
        </EmptyState>
      ) : (
        <>
          <p aria-live="polite" className="mb-2 text-sm text-slate-600">
            {report.events.length === 1 ? '1 event' : `${report.events.length.toLocaleString('en-US')} events`}
            {report.events.length > SHOWN ? ` — the first ${SHOWN} shown here; the CSV has them all` : ''}
          </p>
          <ActivityList events={report.events.slice(0, SHOWN)} names={names} />
        </>
      )}
    </>
  );
}
