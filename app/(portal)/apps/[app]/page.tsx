import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CommitList } from '@/components/apps/commit-list';
import { KnownIssueBanner } from '@/components/feedback/known-issue-banner';
import { CutoverAlarmBanner } from '@/components/migration/cutover-alarm-banner';
import { AppLogAccess } from '@/components/logs/app-log-access';
import { ValuesFiles } from '@/components/apps/values-files';
import { AppActionBar } from '@/components/apps/app-action-bar';
import { AppStatusSection } from '@/components/status/app-status-section';
import { AptibleTermsLegend } from '@/components/status/aptible-terms-legend';
import { AppMigrationSection } from '@/components/migration/app-migration-section';
import { readAppMigration } from '@/lib/migration/read-migrations';
import { EnvironmentsSummary } from '@/components/status/environments-summary';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { isAppName } from '@/lib/catalog/app-name';
import { getAppOverview } from '@/lib/catalog/get-app-overview';
import { highlightCode } from '@/lib/highlight/highlight-code';
import { checkLogAccessPerEnvironment } from '@/lib/logs/log-access';

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  return { title: isAppName(app) ? app : 'App' };
}

export default async function AppPage({ params }: { params: Promise<{ app: string }> }) {
  const { app: name } = await params;
  if (!isAppName(name)) notFound();
  const user = await requireUser(`/apps/${name}`);
  const overview = await getAppOverview(name);
  if (!overview) notFound();
  const { app, team, environments, files, commits, revision, openChanges } = overview;
  const canChange = decide(user, 'values.requestChange', { app }).allowed;
  const logAccess = await checkLogAccessPerEnvironment(user, app, environments);
  const migration = await readAppMigration(app.name);
  // What the crash cause on each verdict may show: production lines only to those who may read them.
  const logReading = Object.fromEntries(
    environments.map((env) => {
      const access = logAccess.get(env.name);
      return [env.name, { allowed: access?.allowed ?? false, reason: access?.reason ?? '', holdsPhi: env.logsHoldPhi, canBreakGlass: access?.allowed === false && access.canBreakGlass }];
    }),
  );
  const highlighted = await Promise.all(
    files.map(async (f) => ({ path: f.path, label: f.label, html: f.text === null ? null : await highlightCode(f.text, 'yaml') })),
  );

  return (
    <>
      <PageHeader
        title={app.name}
        description={app.description}
        actions={
          <div className="flex flex-wrap gap-2">
            <Badge>{team?.name ?? app.team}</Badge>
            <Badge tone="info">{app.tier}</Badge>
            {canChange ? <Badge tone="brand">you can change this app</Badge> : <Badge>read only for you</Badge>}
            {openChanges > 0 ? (
              <Link href="/changes" className="no-underline">
                <Badge tone="warn">
                  {openChanges} open change request{openChanges === 1 ? '' : 's'}
                </Badge>
              </Link>
            ) : null}
          </div>
        }
      />
      <CutoverAlarmBanner app={app.name} />
      <AppActionBar app={app.name} environments={environments} canChange={canChange} logAccess={logAccess} />
      <EnvironmentsSummary app={app.name} environments={environments.map((e) => e.name)} />
      <KnownIssueBanner app={app.name} />
      <AppLogAccess app={app} user={user} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <AppStatusSection app={app.name} environments={environments.map((e) => ({ name: e.name, cluster: e.cluster, project: e.project }))} logReading={logReading} legend={<AptibleTermsLegend />} />
          <AppMigrationSection app={app.name} migration={migration} fromAptible={!!app.aptible} />
          <section aria-labelledby="environments" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="environments" className="font-semibold text-slate-900">
              Environments
            </h2>
            <ul className="mt-3 grid gap-3 sm:grid-cols-2">
              {environments.map((env) => (
                <li key={env.name} className="rounded-md border border-slate-200 p-3">
                  <p className="font-medium capitalize text-slate-900">{env.name}</p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-slate-700">
                    <dt className="text-slate-500">Namespace</dt>
                    <dd className="font-mono">{app.namespace}</dd>
                    <dt className="text-slate-500">Cluster</dt>
                    <dd className="font-mono">{env.cluster}</dd>
                    <dt className="text-slate-500">Project</dt>
                    <dd className="font-mono">{env.project}</dd>
                    <dt className="text-slate-500">Changes</dt>
                    <dd>{env.requiresApproval ? 'need a second person’s approval' : 'committed directly'}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="values" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="values" className="font-semibold text-slate-900">
              Values at <span className="font-mono text-sm">{revision.slice(0, 7)}</span>
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              Helm merges the chart defaults, then values.yaml, then the environment file: a key in the environment file wins.
            </p>
            <ValuesFiles files={highlighted} />
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="team" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="team" className="font-semibold text-slate-900">
              Owned by {team?.name ?? app.team}
            </h2>
            {team?.chat ? <p className="text-sm text-slate-600">Chat: {team.chat}</p> : null}
            <ul className="mt-2 space-y-1 text-sm">
              {team?.members.map((m) => (
                <li key={m.email} className="flex justify-between gap-2">
                  <span>{m.name}</span>
                  <span className="text-slate-500">{m.role}</span>
                </li>
              ))}
            </ul>
          </section>
          {Object.keys(app.links).length > 0 || app.aptible ? (
            <section aria-labelledby="links" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="links" className="font-semibold text-slate-900">
                Links
              </h2>
              <ul className="mt-2 space-y-1 text-sm">
                {Object.entries(app.links).map(([label, url]) => (
                  <li key={label}>
                    <a href={url} rel="noreferrer" className="capitalize">
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
              {app.aptible ? (
                <p className="mt-2 text-sm text-slate-600">
                  On Aptible: app <span className="font-mono">{app.aptible.app}</span> in{' '}
                  <span className="font-mono">{app.aptible.environment}</span>.
                </p>
              ) : null}
            </section>
          ) : null}
          <section aria-labelledby="commits" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="commits" className="font-semibold text-slate-900">
              Recent changes
            </h2>
            <CommitList commits={commits} />
            <ul className="mt-3 space-y-1 text-sm">
              <li>
                <Link href={`/apps/${app.name}/history`}>Full history with diffs →</Link>
              </li>
              <li>
                <Link href={`/apps/${app.name}/timeline`}>Timeline: commits, rollouts, restarts and warnings →</Link>
              </li>
            </ul>
          </section>
          <p className="text-sm">
            <Link href="/apps">← All apps</Link>
          </p>
        </aside>
      </div>
    </>
  );
}
