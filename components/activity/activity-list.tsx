import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { type ActivityCoverage, type ActivityEvent, type ActivityKind, activityKindLabels, activityKindPlurals } from '@/lib/activity/activity-kinds';

const kindTone: Record<ActivityKind, BadgeTone> = {
  'values-commit': 'brand',
  approval: 'good',
  rejection: 'bad',
  rollout: 'info',
  'restart-burst': 'warn',
  'break-glass': 'bad',
  'log-access': 'neutral',
  'sign-in': 'neutral',
};

const coverageWords: Record<ActivityCoverage['state'], { label: string; tone: BadgeTone }> = {
  complete: { label: 'Complete', tone: 'good' },
  partial: { label: 'Partial', tone: 'warn' },
  unavailable: { label: 'Not available', tone: 'bad' },
};

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'UTC', hour12: false });

/** What each source can tell for this week: a kind with no events reads "none" only when its source is complete. */
export function ActivityCoverageList({ coverage, counts }: { coverage: ActivityCoverage[]; counts: Map<ActivityKind, number> }) {
  return (
    <section aria-labelledby="activity-coverage" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="activity-coverage" className="text-base font-semibold text-slate-900">
        What this report can show
      </h2>
      <ul className="mt-2 divide-y divide-slate-100">
        {coverage.map((c) => {
          const count = counts.get(c.kind) ?? 0;
          const words = coverageWords[c.state];
          return (
            <li key={c.kind} className="py-2 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{activityKindPlurals[c.kind]}</span>
                <Badge tone={words.tone}>{words.label}</Badge>
                <span className="text-slate-600">
                  {c.state === 'unavailable' ? 'not listed' : count === 0 ? (c.state === 'complete' ? 'none this week' : 'none found') : `${count} listed`}
                </span>
              </div>
              <p className="mt-1 text-slate-600">{c.note}</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Person({ email, names }: { email: string; names: Map<string, string> }) {
  if (email === 'cluster') return <span className="text-slate-700">the cluster</span>;
  const name = names.get(email);
  return (
    <span className="break-all">
      {name ? <span className="font-medium text-slate-900">{name}</span> : null}
      {name ? ' ' : null}
      <span className="text-slate-600">{name ? `(${email})` : email}</span>
    </span>
  );
}

/** The week's events grouped by day (UTC), oldest first, as the week is read. */
export function ActivityList({ events, names }: { events: ActivityEvent[]; names: Map<string, string> }) {
  const days = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    const day = event.time.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return (
    <div className="space-y-6">
      {[...days].map(([day, list]) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`} className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">
            {dayFormat.format(new Date(`${day}T00:00:00Z`))}
          </h2>
          <ol aria-label={`Events on ${dayFormat.format(new Date(`${day}T00:00:00Z`))}`} className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {list.map((e, i) => (
              <li key={`${e.time}-${i}`} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[6rem_1fr]">
                <time dateTime={e.time} className="tabular-nums text-slate-600">
                  {timeFormat.format(new Date(e.time))} UTC
                </time>
                <div className="min-w-0 space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={kindTone[e.kind]}>{activityKindLabels[e.kind]}</Badge>
                    {e.app ? <Link href={`/apps/${e.app}`}>{e.app}</Link> : <span className="text-slate-600">Berth</span>}
                    <Person email={e.person} names={names} />
                  </div>
                  <p className="break-words text-slate-800">{e.summary}</p>
                  {e.approver || e.changeId !== undefined || e.revision || e.reason ? (
                    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-slate-600">
                      {e.approver ? (
                        <div className="flex gap-1">
                          <dt>Approved by</dt>
                          <dd>
                            <Person email={e.approver} names={names} />
                          </dd>
                        </div>
                      ) : null}
                      {e.changeId !== undefined ? (
                        <div className="flex gap-1">
                          <dt>Change request</dt>
                          <dd>
                            <Link href={`/changes/${e.changeId}`}>#{e.changeId}</Link>
                          </dd>
                        </div>
                      ) : null}
                      {e.revision ? (
                        <div className="flex gap-1">
                          <dt>Revision</dt>
                          <dd>
                            <code>{e.revision.slice(0, 7)}</code>
                          </dd>
                        </div>
                      ) : null}
                      {e.reason ? (
                        <div className="flex min-w-0 gap-1">
                          <dt>Reason</dt>
                          <dd className="break-words">{e.reason}</dd>
                        </div>
                      ) : null}
                    </dl>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
