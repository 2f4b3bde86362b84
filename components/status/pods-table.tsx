import type { PodStatus } from '@/lib/kube/app-status';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Term } from './aptible-terms';
import { formatAge, formatRestarts } from './format-time';
import { formatTime } from '@/lib/text/format-time';

export function podStatusTone(pod: PodStatus): BadgeTone {
  if (pod.terminating) return 'neutral';
  if (pod.problem && pod.problem !== 'Restarted') return 'bad';
  if (pod.status === 'Running' && pod.ready.ready === pod.ready.total) return pod.problem ? 'warn' : 'good';
  if (pod.status === 'Running' || pod.status === 'Pending' || pod.status === 'ContainerCreating') return 'info';
  return 'warn';
}

export function PodsTable({ pods, environment, now, onOpen }: { pods: PodStatus[]; environment: string; now: number; onOpen: (pod: string, trigger: HTMLElement) => void }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Pods in {environment}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              <Term kubernetes="Pod" aptible="container" />
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Status
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Ready
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Restarts
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Node
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Age
            </th>
          </tr>
        </thead>
        <tbody>
          {pods.map((pod) => (
            <tr key={pod.name} className={`border-b border-slate-100 align-top ${pod.current ? '' : 'text-slate-500'}`}>
              <th scope="row" className="py-2 pr-3 font-normal">
                <button
                  type="button"
                  aria-haspopup="dialog"
                  onClick={(event) => onOpen(pod.name, event.currentTarget)}
                  className="text-left font-mono text-xs text-brand-700 underline-offset-2 hover:underline"
                >
                  {pod.name}
                </button>
                <span className="block text-xs text-slate-500">
                  {pod.component ?? ''}
                  {pod.current ? '' : ' · old version'}
                </span>
              </th>
              <td className="py-2 pr-3">
                <Badge tone={podStatusTone(pod)} title={pod.statusMessage}>
                  {pod.status}
                </Badge>
                {pod.lastRestartReason && pod.restarts > 0 ? <span className="mt-0.5 block text-xs text-slate-600">last: {pod.lastRestartReason}</span> : null}
              </td>
              <td className="py-2 pr-3 tabular-nums">
                {pod.ready.ready}/{pod.ready.total}
              </td>
              <td className="py-2 pr-3 tabular-nums" data-testid="pod-restarts">
                {formatRestarts(pod.restarts, pod.lastRestartAt, now)}
              </td>
              <td className="max-w-[14rem] truncate py-2 pr-3 font-mono text-xs" title={pod.node}>
                {pod.node ?? 'not scheduled'}
              </td>
              <td className="py-2 tabular-nums">
                {pod.createdAt ? (
                  <time dateTime={pod.createdAt} title={formatTime(pod.createdAt)}>
                    {formatAge(pod.createdAt, now)}
                  </time>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
