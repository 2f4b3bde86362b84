// The app page's tasks, under its title: values and logs per environment, then history and the
// timeline — what engineers open the page for, in the first screen at 1366×768.
import Link from 'next/link';
import type { LogAccess } from '@/lib/logs/log-access';

const action =
  'inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium no-underline ring-1 ring-inset hover:no-underline focus-visible:outline-2 focus-visible:outline-offset-2';
const primary = `${action} bg-brand-700 text-white ring-brand-700 hover:bg-brand-800`;
const secondary = `${action} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`;

function LogsAction({ app, environment, access }: { app: string; environment: string; access: LogAccess | undefined }) {
  const href = `/apps/${app}/logs?env=${environment}`;
  if (!access || access.allowed) {
    return (
      <Link href={href} className={secondary} aria-label={`${environment} logs${access?.breakGlass ? ' (break-glass)' : ''}`}>
        Logs{access?.breakGlass ? ' (break-glass)' : ''}
      </Link>
    );
  }
  if (!access.canBreakGlass) {
    return (
      <span className={`${action} bg-slate-50 text-slate-500 ring-slate-200`} title={access.reason}>
        {environment} logs: not for you
      </span>
    );
  }
  return (
    <Link href={href} className={secondary} title={access.reason} aria-label={`${environment} logs (break-glass needed)`}>
      Logs (break-glass needed)
    </Link>
  );
}

export function AppActionBar({
  app,
  environments,
  canChange,
  logAccess,
}: {
  app: string;
  environments: { name: string; requiresApproval: boolean }[];
  canChange: boolean;
  logAccess: Map<string, LogAccess>;
}) {
  return (
    <nav aria-label={`${app}: what to do`} className="-mt-3 mb-4 flex flex-wrap items-center gap-x-4 gap-y-2">
      {environments.map((env) => (
        <div key={env.name} role="group" aria-label={env.name} className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-100 p-1 pl-2">
          <span aria-hidden className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            {env.name}
          </span>
          <Link href={`/apps/${app}/values/${env.name}`} className={canChange ? primary : secondary}>
            {canChange ? (env.requiresApproval ? `Change ${env.name} values` : `Edit ${env.name} values`) : `${env.name} values`}
          </Link>
          <LogsAction app={app} environment={env.name} access={logAccess.get(env.name)} />
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <Link href={`/apps/${app}/history`} className={secondary}>
          History
        </Link>
        <Link href={`/apps/${app}/timeline`} className={secondary}>
          Timeline
        </Link>
      </div>
    </nav>
  );
}
