// The board: one group per state, in the order apps move, each app with what it waits for and who.
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { BoardApp } from '@/lib/migration/load-board';
import { STATE_DESCRIPTIONS } from '@/lib/migration/migration-states';

function AppCard({ app }: { app: BoardApp }) {
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href={`/apps/${app.name}/migration`} className="font-medium">
          {app.name}
        </Link>
        <span className="flex flex-wrap gap-1">
          <Badge>{app.teamName}</Badge>
          {app.state === 'cutover' ? <Badge tone="warn">GKE at {app.gkeShare ?? 0} %</Badge> : null}
          {app.readiness ? (
            <Badge tone={app.readiness.passing === app.readiness.total ? 'good' : 'neutral'} title={app.readiness.failing.length ? `Failing: ${app.readiness.failing.join(', ')}` : undefined}>
              ready {app.readiness.passing}/{app.readiness.total}
            </Badge>
          ) : null}
        </span>
      </div>
      {app.problems ? (
        <p className="mt-1 text-sm text-red-800">
          migration.yaml cannot be read: line {app.problems[0]?.line}: {app.problems[0]?.message}
        </p>
      ) : null}
      {app.waitingFor ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 text-sm">
          <dt className="text-slate-500">Waiting for</dt>
          <dd className="text-slate-800">{app.waitingFor.what}</dd>
          <dt className="text-slate-500">Who</dt>
          <dd className="text-slate-800">{app.waitingFor.who}</dd>
        </dl>
      ) : (
        <p className="mt-2 text-sm text-slate-600">{app.state === 'aptible-deprovisioned' ? 'Done: nothing left on Aptible.' : 'Never ran on Aptible: nothing to move.'}</p>
      )}
    </li>
  );
}

export function MigrationBoard({ apps }: { apps: BoardApp[] }) {
  const groups = [
    ...STATE_DESCRIPTIONS.map((d) => ({ id: d.state, label: d.label, meaning: d.meaning, apps: apps.filter((a) => a.state === d.state) })),
    { id: 'untracked', label: 'Not tracked', meaning: 'No readable migration.yaml: born on GKE, or not started.', apps: apps.filter((a) => a.state === null) },
  ].filter((g) => g.id !== 'untracked' || g.apps.length > 0);
  if (apps.length === 0) {
    return <EmptyState title="No apps to show">No app of this team is in the config repository.</EmptyState>;
  }
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`state-${g.id}`} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
          <h2 id={`state-${g.id}`} className="flex items-baseline justify-between gap-2 font-semibold text-slate-900">
            <span>{g.label}</span>
            <span className="text-sm font-normal text-slate-600">
              {g.apps.length} app{g.apps.length === 1 ? '' : 's'}
            </span>
          </h2>
          <p className="text-sm text-slate-600">{g.meaning}</p>
          {g.apps.length > 0 ? (
            <ul className="mt-3 space-y-2" aria-label={`${g.label}: apps`}>
              {g.apps.map((a) => (
                <AppCard key={a.name} app={a} />
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-slate-500">None.</p>
          )}
        </section>
      ))}
    </div>
  );
}
