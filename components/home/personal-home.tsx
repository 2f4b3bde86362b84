// The home of a signed-in person: what they came for, in the order they need it — decisions on
// their requests, reviews waiting for them, their team's apps and how each runs, their own
// requests, replies to their feedback.
import Link from 'next/link';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { VERDICT_STYLE } from '@/components/status/verdict-style';
import { RelativeTime } from '@/components/ui/relative-time';
import type { BerthUser } from '@/lib/auth/user';
import type { Home, HomeApp, HomeChange } from '@/lib/home/home';
import { formatTime } from '@/lib/text/format-time';
import { decisionWords } from './decision-words';
import { GotItButton } from './got-it-button';

const card = 'rounded-lg border border-slate-200 bg-white p-4';

function Section({ id, title, count, children, action }: { id: string; title: string; count?: number; children: React.ReactNode; action?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={card} id={id === 'decisions-heading' ? 'decisions' : undefined}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id={id} className="font-semibold text-slate-900">
          {title}
          {count !== undefined ? <span className="ml-1 font-normal text-slate-500">({count})</span> : null}
        </h2>
        {action ? <div className="ml-auto">{action}</div> : null}
      </div>
      {children}
    </section>
  );
}

function ChangeRows({ changes, label, showAuthor }: { changes: HomeChange[]; label: string; showAuthor?: boolean }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {changes.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm">
          <Link href={`/changes/${c.id}`} className="min-w-0 font-medium">
            {c.title}
          </Link>
          <span className="text-slate-600">
            {c.app}
            {showAuthor ? ` · ${c.author}` : ''} · <RelativeTime iso={c.updatedAt} />
          </span>
          <span className="ml-auto">
            <ChangeStatusBadge status={c.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function AppRow({ app }: { app: HomeApp }) {
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link href={`/apps/${app.name}`} className="font-semibold">
          {app.name}
        </Link>
        <span className="min-w-0 text-sm text-slate-600">{app.description}</span>
      </div>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2" aria-label={`${app.name} per environment`}>
        {app.environments.map((env) => {
          const style = VERDICT_STYLE[env.verdict];
          const behind = env.change.state === 'behind' || env.change.state === 'rolling-out' || env.change.state === 'not-deploying';
          return (
            <li key={env.environment} className="flex min-w-0 gap-2 rounded-md border border-slate-200 p-2 text-sm" data-verdict={env.verdict} data-environment={env.environment}>
              <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${style.dot}`}>
                {style.symbol}
              </span>
              <span className="min-w-0">
                <span className="font-medium capitalize text-slate-900">{env.environment}</span>
                <span className="text-slate-700">
                  {' '}
                  · {style.label}
                  {env.title !== style.label ? `: ${env.title}` : ''}
                </span>
                {behind && env.change.message ? <span className="mt-0.5 block text-xs text-slate-700">{env.change.message}</span> : null}
                <span className="mt-0.5 flex gap-3 text-xs">
                  <Link href={`/apps/${app.name}/logs?env=${env.environment}`}>Logs</Link>
                  <Link href={`/apps/${app.name}/values/${env.environment}`}>Values</Link>
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

export function PersonalHome({ user, home, generatedAt }: { user: BerthUser; home: Home; generatedAt: string }) {
  const firstName = user.name.split(' ')[0] || user.name;
  return (
    <div className="space-y-6 wrap-anywhere">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Hello, {firstName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {home.team ? `${home.team.name}: your apps, the reviews waiting for you and your requests.` : 'The reviews waiting for you and your requests.'} Status as of{' '}
          <time dateTime={generatedAt}>{formatTime(generatedAt)}</time>; each app’s page updates live.
        </p>
      </div>

      {home.decisions.length > 0 ? (
        <Section id="decisions-heading" title="Decided since you last looked" count={home.decisions.length} action={<GotItButton changeIds={home.decisions.map((d) => d.changeId)} />}>
          <ul aria-label="Decisions on your requests" className="divide-y divide-slate-100">
            {home.decisions.map((d) => (
              <li key={d.changeId} className="py-2 text-sm">
                <Link href={`/changes/${d.changeId}`} className="font-medium">
                  {d.title}
                </Link>{' '}
                <span className="text-slate-700">
                  ({d.app}) was <strong>{decisionWords(d.kind)}</strong>
                  {d.kind === 'stale' ? '' : ` by ${d.actor}`} <RelativeTime iso={d.time} />.
                </span>
                {d.body ? <p className="mt-0.5 text-slate-600">“{d.body}”</p> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <Section id="my-apps-heading" title={home.team ? `${home.team.name}’s apps` : 'Your apps'} count={home.apps.length}>
            {home.apps.length === 0 ? (
              <p className="text-sm text-slate-600">
                Your team owns no app in the config repository. <Link href="/apps">All apps →</Link>
              </p>
            ) : (
              <ul aria-label="Your team's apps" className="divide-y divide-slate-100">
                {home.apps.map((app) => (
                  <AppRow key={app.name} app={app} />
                ))}
              </ul>
            )}
          </Section>
        </div>
        <div className="min-w-0 space-y-6">
          <Section id="reviews-heading" title="Waiting for your review" count={home.reviews.length}>
            {home.reviews.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing waits for your review.</p>
            ) : (
              <ChangeRows changes={home.reviews} label="Waiting for your review" showAuthor />
            )}
          </Section>
          <Section id="requests-heading" title="Your open requests" count={home.requests.length}>
            {home.requests.length === 0 ? (
              <p className="text-sm text-slate-600">
                No request of yours is open. <Link href="/changes">All change requests →</Link>
              </p>
            ) : (
              <ChangeRows changes={home.requests} label="Your open requests" />
            )}
          </Section>
          <Section id="feedback-heading" title="Replies to your feedback" count={home.feedback.length}>
            {home.feedback.length === 0 ? (
              <p className="text-sm text-slate-600">
                No unread replies. <Link href="/feedback/mine">My feedback →</Link>
              </p>
            ) : (
              <ul aria-label="Feedback with unread replies" className="divide-y divide-slate-100">
                {home.feedback.map((f) => (
                  <li key={f.id} className="flex flex-wrap items-baseline gap-x-3 py-2 text-sm">
                    <Link href={`/feedback/${f.id}`} className="font-medium">
                      {f.title}
                    </Link>
                    <span className="text-slate-600">
                      {f.unread} unread {f.unread === 1 ? 'update' : 'updates'}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </div>
  );
}
