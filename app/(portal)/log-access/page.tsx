import Link from 'next/link';
import { BreakGlassList } from '@/components/logs/break-glass-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { listBreakGlassNotices, markBreakGlassNoticesSeen, NOTICE_DAYS } from '@/lib/logs/break-glass-notices';

export const metadata = { title: 'Production log access' };

// Break-glass reads of the person's team's apps: where the header badge leads. Opening it counts
// as having seen them.
export default async function LogAccessPage() {
  const user = await requireUser('/log-access');
  const catalog = await loadCatalog();
  const notices = await listBreakGlassNotices(user, { catalog });
  await markBreakGlassNoticesSeen(user, notices.filter((n) => !n.seen).map((n) => n.id));
  const team = catalog.teams.find((t) => t.id === user.team);
  return (
    <>
      <PageHeader
        title="Production log access"
        description={`People outside ${team?.name ?? 'your team'} who broke glass to read the logs of your team’s apps in the last ${NOTICE_DAYS} days, with the reason they gave.`}
      />
      {notices.length === 0 ? (
        <EmptyState title="Nobody broke glass on your team’s apps">
          When someone outside your team needs your production logs, their reason and time limit show here and on the app’s page.
        </EmptyState>
      ) : (
        <section className="rounded-lg border border-slate-200 bg-white px-4 py-2">
          <BreakGlassList notices={notices} showApp label="Break-glass on your team’s apps" />
        </section>
      )}
      {decide(user, 'audit.view', {}).allowed ? (
        <p className="mt-4 text-sm">
          <Link href="/activity">Every environment’s weekly activity report →</Link>
        </p>
      ) : null}
    </>
  );
}
