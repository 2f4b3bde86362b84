import Link from 'next/link';
import { lazy, Suspense } from 'react';
import type { AppStatus } from '@/lib/kube/app-status';
import { LoadBoundary } from '@/components/ui/load-boundary';
import type { LogReading } from './crash-cause';
import { appLogsHref, crashedContainerLogsHref } from './log-links';
import { VERDICT_STYLE } from './verdict-style';

// A crash's last lines are read through the logs route once the status says a container crashed:
// that reader (and its log types) loads then, not with every app page.
const CrashCause = lazy(() => import('./crash-cause').then((module) => ({ default: module.CrashCause })));

/** The one verdict of an app in an environment, why, what it was on Aptible, and where to learn more. */
/** Problems whose cause is in the previous container's last lines. */
const CRASH_KINDS = new Set(['CrashLoopBackOff', 'OOMKilled', 'Restarted']);

export function VerdictPanel({ status, logReading }: { status: AppStatus; logReading?: LogReading }) {
  const { health, problems } = status;
  const style = VERDICT_STYLE[health.verdict];
  const headline = problems.find((p) => p.title === health.title);
  const crashed =
    headline && CRASH_KINDS.has(headline.kind) && headline.container && headline.pods[0]
      ? { pod: headline.pods[0], container: headline.container, ...(headline.stoppedAt ? { stoppedAt: headline.stoppedAt } : {}) }
      : undefined;
  // While a change rolls out, the old revision's troubles end with it: only the new pods' count.
  const current = new Set(status.pods.filter((p) => p.current).map((p) => p.name));
  const rollingOut = health.verdict === 'progressing';
  const others = problems.filter((p) => p.title !== health.title && (!rollingOut || p.pods.length === 0 || p.pods.some((name) => current.has(name))));
  const logsHref = crashed ? crashedContainerLogsHref(status.app, status.environment, crashed) : appLogsHref(status.app, status.environment);
  return (
    <div className={`rounded-md border-l-4 border ${style.panel} p-3`} data-verdict={health.verdict}>
      <div className="flex flex-wrap items-start gap-3">
        <span aria-hidden="true" className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${style.dot}`}>
          {style.symbol}
        </span>
        <div className="min-w-0 flex-1 space-y-1">
          <p className={`font-semibold ${style.text}`}>
            {health.title.startsWith(style.label) ? null : (
              <span className="mr-2 align-[1px] text-xs font-bold uppercase tracking-wide">
                {style.label}
                <span className="sr-only">:</span>
              </span>
            )}
            <span>{health.title}</span>
          </p>
          <p className="text-sm text-slate-800">{health.reason}</p>
          {headline?.detail && crashed ? <p className="font-mono text-xs text-slate-800">{headline.detail}</p> : null}
          {crashed && (health.verdict === 'down' || health.verdict === 'degraded') ? (
            <LoadBoundary what="The crashed container’s last lines" className="mt-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
              <Suspense
                fallback={
                  <p role="status" className="mt-2 text-sm text-slate-600">
                    Loading the crashed container’s last lines…
                  </p>
                }
              >
                <CrashCause app={status.app} environment={status.environment} crashed={crashed} reading={logReading} />
              </Suspense>
            </LoadBoundary>
          ) : null}
          {health.aptible ? <p className="text-sm text-slate-700">{health.aptible}</p> : null}
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {health.guide ? <Link href={health.guide.href}>Guide: {health.guide.title} →</Link> : null}
            {health.verdict === 'down' || health.verdict === 'degraded' ? <Link href={logsHref}>{crashed ? `Logs of the crashed container (${status.environment}) →` : `Logs of ${status.environment} →`}</Link> : null}
          </p>
        </div>
      </div>
      {others.length > 0 ? (
        <div className="mt-3 border-t border-slate-200 pt-2">
          <p className="text-sm font-medium text-slate-800">Also</p>
          <ul className="mt-1 space-y-2 text-sm">
            {others.map((p) => (
              <li key={`${p.kind}/${p.component ?? ''}`}>
                <span className="font-medium text-slate-900">{p.title}</span> — {p.reason}{' '}
                {p.guide ? (
                  <Link href={p.guide.href} className="whitespace-nowrap">
                    Guide →
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
