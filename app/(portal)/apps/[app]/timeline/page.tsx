import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { TimelineList } from '@/components/status/timeline-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { isAppName } from '@/lib/catalog/app-name';
import type { EnvironmentName } from '@/lib/catalog/types';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getAppTimeline } from '@/lib/kube/get-app-timeline';

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  return { title: isAppName(app) ? `Timeline · ${app}` : 'Timeline' };
}

const RANGES = { '6h': { label: 'Last 6 hours', ms: 6 * 3600_000 }, '24h': { label: 'Last 24 hours', ms: 24 * 3600_000 }, '7d': { label: 'Last 7 days', ms: 7 * 86400_000 } } as const;
type RangeName = keyof typeof RANGES;

type SearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function AppTimelinePage({ params, searchParams }: { params: Promise<{ app: string }>; searchParams: Promise<SearchParams> }) {
  const { app: name } = await params;
  if (!isAppName(name)) notFound();
  const search = await searchParams;
  const user = await requireUser(`/apps/${name}/timeline`);
  const catalog = await loadCatalog();
  const app = catalog.apps.find((a) => a.name === name);
  if (!app) notFound();
  if (!decide(user, 'app.view', { app }).allowed) forbidden();

  const askedEnv = one(search.env);
  const environment = (app.environments.find((e) => e === askedEnv) ?? app.environments[0]) as EnvironmentName | undefined;
  const askedRange = one(search.range);
  const range: RangeName = askedRange && askedRange in RANGES ? (askedRange as RangeName) : '24h';
  const href = (env: string, r: RangeName) => `/apps/${app.name}/timeline?${new URLSearchParams({ env, range: r })}`;

  const header = (
    <PageHeader
      title={`Timeline · ${app.name}`}
      description="What happened to this app, newest first: values commits, the rollouts that followed, container restarts and warnings from the cluster — in one place, like Aptible's Activity."
      actions={<Link href={`/apps/${app.name}`}>← {app.name}</Link>}
    />
  );
  if (!environment) {
    return (
      <>
        {header}
        <EmptyState title="Not deployed anywhere">{app.name} is not deployed to any environment (see its app.yaml).</EmptyState>
      </>
    );
  }

  const timeline = await getAppTimeline({ app, environment, since: requestTime() - RANGES[range].ms }, { catalog });
  const reachable = timeline.cluster.reachability === 'reachable';
  return (
    <>
      {header}
      <div className="mb-4 flex flex-wrap items-center gap-x-6 gap-y-2">
        <nav aria-label="Environment">
          <ul className="flex gap-1">
            {app.environments.map((env) => (
              <li key={env}>
                <Link
                  href={href(env, range)}
                  aria-current={env === environment ? 'page' : undefined}
                  className={`block rounded-md px-3 py-1.5 text-sm font-medium capitalize no-underline hover:no-underline ${env === environment ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
                >
                  {env}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label="Time range">
          <ul className="flex gap-1">
            {(Object.keys(RANGES) as RangeName[]).map((r) => (
              <li key={r}>
                <Link
                  href={href(environment, r)}
                  aria-current={r === range ? 'true' : undefined}
                  className={`block rounded-md px-3 py-1.5 text-sm no-underline hover:no-underline ${r === range ? 'bg-slate-200 font-medium text-slate-900' : 'text-slate-700 hover:bg-slate-100'}`}
                >
                  {RANGES[r].label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link href={href(environment, range)} className="text-sm">
          Refresh
        </Link>
      </div>
      {reachable ? null : (
        <p role="status" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          The {environment} cluster ({timeline.cluster.name}) {timeline.cluster.reachability === 'connecting' ? 'is still connecting' : 'cannot be reached right now'}
          {timeline.cluster.error ? `: ${timeline.cluster.error}` : ''}. Only the values commits are shown; rollouts, restarts and warnings come back with the cluster.
        </p>
      )}
      {timeline.entries.length === 0 ? (
        <EmptyState
          title={`Nothing happened in ${environment} in the ${RANGES[range].label.toLowerCase()}`}
          action={range !== '7d' ? <Link href={href(environment, '7d')}>Look at the last 7 days</Link> : undefined}
        >
          No commit changed its values, no rollout started, no container restarted and the cluster reported no warnings.
        </EmptyState>
      ) : (
        <TimelineList entries={timeline.entries} app={app.name} environment={environment} />
      )}
    </>
  );
}

/** The moment of this request: the time range counts back from it. */
function requestTime(): number {
  return Date.now();
}
