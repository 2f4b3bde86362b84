'use client';

// Stage beside production, in one line each: the verdict, whether the newest change runs, and
// how many pods are ready — the details sit further down the page. Reads the same live status
// values as the detailed panels (one stream, no extra request).
import { useSharedFetch } from '@/components/data/shared-fetch';
import type { AppStatus } from '@/lib/kube/app-status';
import { appStatus } from './status-queries';
import { VERDICT_STYLE } from './verdict-style';

const CHANGE_WORDS: Record<AppStatus['change']['state'], string> = {
  live: 'newest change live',
  'rolling-out': 'rolling out the newest change',
  behind: 'newest change not live yet',
  'not-deploying': 'newest change will not deploy',
  unknown: 'change state unknown',
  'not-deployed': 'not deployed',
};

function Row({ app, environment }: { app: string; environment: string }) {
  const { data: status, error } = useSharedFetch(appStatus(app, environment), { poll: false });
  const style = status ? VERDICT_STYLE[status.health.verdict] : undefined;
  const pods = status?.deployments.reduce((n, d) => ({ ready: n.ready + Math.min(d.ready, d.desired), desired: n.desired + d.desired }), { ready: 0, desired: 0 });
  return (
    <li className="flex min-w-0 items-start gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm" data-environment={environment} data-verdict={status?.health.verdict ?? 'loading'}>
      <span aria-hidden className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${style?.dot ?? 'bg-slate-200 text-slate-500'}`}>
        {style?.symbol ?? '·'}
      </span>
      <span className="min-w-0">
        <a href={`#status-${environment}`} className="font-semibold capitalize">
          {environment}
        </a>
        <span className="text-slate-800">
          {' '}
          ·{' '}
          {status
            ? `${style?.label}${status.health.title !== style?.label ? `: ${status.health.title}` : ''}`
            : error
              ? 'status unavailable'
              : 'loading…'}
        </span>
        {status ? (
          <span className="block text-xs text-slate-600">
            {status.change.state === 'rolling-out' && status.deployments.some((d) => d.rollout.state === 'stuck') ? 'newest change deployed, but its rollout is stuck' : CHANGE_WORDS[status.change.state]}
            {status.change.state === 'behind' && status.change.behindBy ? ` (behind by ${status.change.behindBy})` : ''}
            {pods && pods.desired > 0 ? ` · ${pods.ready} of ${pods.desired} pods ready` : ''}
          </span>
        ) : null}
      </span>
    </li>
  );
}

export function EnvironmentsSummary({ app, environments }: { app: string; environments: string[] }) {
  if (environments.length === 0) return null;
  return (
    <section aria-label="Environments at a glance" className="mb-6">
      <ul className="grid gap-2 sm:grid-cols-2">
        {environments.map((env) => (
          <Row key={env} app={app} environment={env} />
        ))}
      </ul>
    </section>
  );
}
