import { SessionCard, type SessionCardGuide } from '@/components/guides/session-card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { listMyGuideReads } from '@/lib/guides/list-my-guide-reads';
import { getGuide } from '@/lib/guides/load-guides';
import { getSessionsByTime } from '@/lib/guides/load-sessions';
import type { Session } from '@/lib/guides/schemas';

export const metadata = { title: 'Training sessions' };

export default async function SessionsPage() {
  const user = await requireUser('/sessions');
  const reads = await listMyGuideReads(user);
  const { upcoming, past } = getSessionsByTime();
  const guidesOf = (session: Session): SessionCardGuide[] =>
    session.guides.flatMap((slug) => {
      const guide = getGuide(slug);
      return guide ? [{ slug, title: guide.frontmatter.title, read: reads?.has(slug) ?? false }] : [];
    });

  return (
    <>
      <PageHeader
        title="Training sessions"
        description="The platform team's weekly sessions on the move from Aptible: the agenda, the guides to read before or after, and the recording and slides once it has happened. Times are in UTC."
      />
      <section aria-labelledby="upcoming" className="mb-10">
        <h2 id="upcoming" className="mb-3 text-lg font-semibold text-slate-900">
          Upcoming
        </h2>
        {upcoming.length === 0 ? (
          <EmptyState title="No sessions planned right now">The next ones are announced in #platform-help and appear here.</EmptyState>
        ) : (
          <ul className="space-y-3" aria-label="Upcoming sessions">
            {upcoming.map((session) => (
              <SessionCard key={session.id} session={session} guides={guidesOf(session)} past={false} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past" className="mb-3 text-lg font-semibold text-slate-900">
          Past
        </h2>
        {past.length === 0 ? (
          <EmptyState title="No sessions yet">Recordings and slides appear here after each session.</EmptyState>
        ) : (
          <ul className="space-y-3" aria-label="Past sessions">
            {past.map((session) => (
              <SessionCard key={session.id} session={session} guides={guidesOf(session)} past />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
