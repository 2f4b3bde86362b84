import Link from 'next/link';
import { DigestGroups } from '@/components/feedback/digest-groups';
import { PrintButton } from '@/components/feedback/print-button';
import { RatingsChart } from '@/components/feedback/ratings-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { getFeedbackDigest } from '@/lib/feedback/digest';
import { digestPeriod, isoDay } from '@/lib/feedback/digest-period';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { guideReasonLabels } from '@/lib/feedback/schemas';
import { firstValues, type PageSearchParams } from '@/lib/feedback/search-params';
import { formatDate } from '@/lib/text/format-time';

export const metadata = { title: 'Weekly feedback digest' };

const longDay = (date: Date | string) => formatDate(date, { weekday: true });

export default async function FeedbackDigestPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requireUser('/feedback/digest');
  const query = firstValues(await searchParams);
  const now = new Date();
  const period = digestPeriod(query.since, now);
  const catalog = await loadFeedbackCatalog();
  // The page's own clock and catalog, so the period, the digest and the last session agree.
  const digest = await getFeedbackDigest(user, { since: period.since }, { now, catalog });
  if (!digest) return null;
  const lastSession = catalog.sessions.filter((s) => Date.parse(s.startsAt) <= now.getTime()).at(-1);
  const sinceLabel = longDay(period.since);
  const comments = digest.sessionComments.filter((c) => c.clear || c.unclear || c.nextTopics);

  return (
    <>
      <PageHeader
        title="Weekly feedback digest"
        description={`For the working group’s meeting: what was filed and resolved since ${sinceLabel}, what is still open, and how the training sessions landed.`}
        actions={
          <div className="no-print flex gap-2">
            <PrintButton />
            <a
              href="/api/feedback/export.csv?status=all"
              download
              className="inline-flex items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 no-underline ring-1 ring-inset ring-slate-300 hover:bg-slate-50 hover:no-underline"
            >
              Download CSV
            </a>
          </div>
        }
      />

      <form method="get" action="/feedback/digest" aria-label="Digest period" className="no-print mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="digest-since" className="block text-xs font-medium text-slate-700">
            Since
          </label>
          <input
            id="digest-since"
            type="date"
            name="since"
            defaultValue={period.day}
            max={isoDay(now)}
            aria-describedby={period.problem ? 'digest-since-problem' : undefined}
            className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
          />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          Show
        </button>
        <p className="text-sm text-slate-600">
          {lastSession ? (
            <>
              <Link href={`/feedback/digest?since=${isoDay(new Date(lastSession.startsAt))}`}>Since the last session ({longDay(lastSession.startsAt)})</Link>
              {' · '}
            </>
          ) : null}
          <Link href="/feedback/digest">Last 7 days</Link>
        </p>
        {period.problem ? (
          <p id="digest-since-problem" role="alert" className="w-full text-sm text-amber-900">
            {period.problem}
          </p>
        ) : null}
      </form>

      <p className="mb-4 hidden text-sm text-slate-600 print:block">Since {sinceLabel} · printed {longDay(now)}</p>

      <dl className="mb-8 grid gap-3 sm:grid-cols-3">
        {[
          ['Filed', digest.totals.filed, 'filed'],
          ['Resolved or closed', digest.totals.closed, 'closed'],
          ['Still open', digest.totals.open, 'open'],
        ].map(([label, count, anchor]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">
              <a href={`#${anchor}`} className="text-slate-600">
                {label}
              </a>
            </dt>
            <dd className="text-3xl font-semibold tabular-nums text-slate-900">{count}</dd>
          </div>
        ))}
      </dl>

      <div className="space-y-10">
        <section aria-labelledby="ratings" className="break-inside-avoid">
          <h2 id="ratings" className="mb-3 text-lg font-semibold text-slate-900">
            Session ratings over time
          </h2>
          {digest.sessionRatings.length > 0 ? (
            <RatingsChart points={digest.sessionRatings} />
          ) : (
            <EmptyState title="No session has been rated yet">People rate a session from its page once it has taken place.</EmptyState>
          )}
          {comments.length > 0 ? (
            <div className="mt-6">
              <h3 className="mb-2 font-semibold text-slate-900">What people said since {sinceLabel}</h3>
              <ul className="grid gap-3 lg:grid-cols-2">
                {comments.map((c) => (
                  <li key={`${c.sessionId}-${c.person.email}`} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3 text-sm">
                    <p className="font-medium text-slate-900">
                      {c.sessionTitle} <span className="font-normal text-slate-600">· {c.rating} / 5 from {c.person.name}</span>
                    </p>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                      {c.clear ? (
                        <>
                          <dt className="text-slate-500">Clear</dt>
                          <dd className="whitespace-pre-line">{c.clear}</dd>
                        </>
                      ) : null}
                      {c.unclear ? (
                        <>
                          <dt className="text-slate-500">Not clear</dt>
                          <dd className="whitespace-pre-line">{c.unclear}</dd>
                        </>
                      ) : null}
                      {c.nextTopics ? (
                        <>
                          <dt className="text-slate-500">Next time</dt>
                          <dd className="whitespace-pre-line">{c.nextTopics}</dd>
                        </>
                      ) : null}
                    </dl>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        {digest.unhelpfulGuides.length > 0 ? (
          <section aria-labelledby="guides" className="break-inside-avoid">
            <h2 id="guides" className="mb-3 text-lg font-semibold text-slate-900">
              Guides marked not helpful since {sinceLabel}
            </h2>
            <ul className="space-y-2 text-sm">
              {digest.unhelpfulGuides.map((v) => (
                <li key={`${v.guide}-${v.person.email}`} className="rounded-lg border border-slate-200 bg-white p-3">
                  <Link href={`/guides/${v.guide}`}>{v.guideTitle}</Link>{' '}
                  <span className="text-slate-600">
                    · {guideReasonLabels[v.reason ?? 'other']} · {v.person.name}
                  </span>
                  {v.comment ? <p className="mt-1 whitespace-pre-line text-slate-800">{v.comment}</p> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="filed">
          <h2 id="filed" className="mb-3 text-lg font-semibold text-slate-900">
            Filed since {sinceLabel}
          </h2>
          <DigestGroups groups={digest.filed} empty="Nothing new was filed in this period." />
        </section>
        <section aria-labelledby="closed">
          <h2 id="closed" className="mb-3 text-lg font-semibold text-slate-900">
            Resolved or closed since {sinceLabel}
          </h2>
          <DigestGroups groups={digest.closed} empty="Nothing was resolved or closed in this period." />
        </section>
        <section aria-labelledby="open">
          <h2 id="open" className="mb-3 text-lg font-semibold text-slate-900">
            Still open
          </h2>
          <DigestGroups groups={digest.open} empty="Nothing is open. Enjoy the short meeting." />
        </section>
      </div>
    </>
  );
}
