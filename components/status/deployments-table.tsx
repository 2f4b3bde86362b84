import type { DeploymentStatus, DisruptionBudgetStatus } from '@/lib/kube/app-status';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { shortRevision } from '@/lib/gitops/short-revision';
import { Term } from './aptible-terms';

const ROLLOUT: Record<DeploymentStatus['rollout']['state'], { text: string; tone: BadgeTone }> = {
  complete: { text: 'Complete', tone: 'good' },
  progressing: { text: 'Rolling out', tone: 'info' },
  stuck: { text: 'Stuck', tone: 'bad' },
  'scaled-to-zero': { text: 'Stopped', tone: 'neutral' },
};


function imageTag(image: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  return colon < 0 ? image.slice(slash + 1) : image.slice(colon + 1);
}

export function DeploymentsTable({ deployments, budgets, environment }: { deployments: DeploymentStatus[]; budgets: DisruptionBudgetStatus[]; environment: string }) {
  return (
    <div className="space-y-2">
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Deployments in {environment}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                <Term kubernetes="Deployment" aptible="service" />
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                <Term kubernetes="Pods ready / desired" aptible="container count" />
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Updated · available
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                <Term kubernetes="Rollout" aptible="deploy" />
              </th>
              <th scope="col" className="py-1.5 pr-3 font-medium">
                Image tag
              </th>
              <th scope="col" className="py-1.5 font-medium">
                Config revision
              </th>
            </tr>
          </thead>
          <tbody>
            {deployments.map((d) => {
              const rollout = ROLLOUT[d.rollout.state];
              return (
                <tr key={d.name} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                    {d.component}
                    <span className="block font-mono text-xs font-normal text-slate-500">
                      {d.name}
                      {d.port ? ` · port ${d.port}` : ' · no port (worker)'}
                    </span>
                  </th>
                  <td className="py-2 pr-3 tabular-nums">
                    <span className={d.ready < d.desired ? 'font-semibold text-amber-800' : ''}>{d.ready}</span> / {d.desired}
                  </td>
                  <td className="py-2 pr-3 tabular-nums">
                    {d.updated} · {d.available}
                  </td>
                  <td className="py-2 pr-3">
                    <Badge tone={rollout.tone}>{rollout.text}</Badge>
                    <span className="mt-0.5 block text-xs text-slate-600">{d.rollout.reason}</span>
                    {d.strategy ? (
                      <span className="block text-xs text-slate-500">
                        up to {d.strategy.maxSurge} extra, {d.strategy.maxUnavailable} missing
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 font-mono text-xs" title={d.images.join(', ')}>
                    {d.images.map(imageTag).join(', ') || '—'}
                  </td>
                  <td className="py-2 font-mono text-xs" title={d.configRevision}>
                    {shortRevision(d.configRevision) || '—'}
                    {d.rolloutNumber ? <span className="block font-sans text-slate-500">rollout #{d.rolloutNumber}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {budgets.map((b) => (
        <p key={b.name} className="text-sm text-slate-700">
          <span className="font-medium text-slate-800">Disruption budget</span> ({b.rule}):{' '}
          {b.allowedDisruptions > 0
            ? `a node upgrade may stop ${b.allowedDisruptions} ${b.allowedDisruptions === 1 ? 'pod' : 'pods'} now`
            : 'no pod may be stopped by a node upgrade right now'}{' '}
          ({b.currentHealthy} healthy of {b.expectedPods} expected).
        </p>
      ))}
    </div>
  );
}
