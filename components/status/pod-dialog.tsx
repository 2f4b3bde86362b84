'use client';

// A pod in detail, in a modal dialog (native <dialog>: focus stays inside, Escape closes, focus
// returns to the pod's button). It reads the pod from the live status, so it updates in place.
import Link from 'next/link';
import { useEffect, useId, useRef } from 'react';
import type { ContainerStatus, PodStatus } from '@/lib/kube/app-status';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { shortRevision } from '@/lib/gitops/short-revision';
import { EventsList } from './events-list';
import { formatAge, formatAgo, formatClock, formatRestarts } from './format-time';
import { podLogsHref, restartLogsHref } from './log-links';
import { podStatusTone } from './pods-table';


function ContainerState({ container, now }: { container: ContainerStatus; now: number }) {
  if (container.state === 'running') return <>Running{container.startedAt ? ` since ${formatAgo(container.startedAt, now)}` : ''}</>;
  if (container.state === 'waiting') return <>Waiting: {container.reason ?? 'unknown reason'}</>;
  if (container.state === 'terminated') {
    return (
      <>
        Terminated: {container.reason ?? 'exited'}
        {container.exitCode !== undefined ? `, exit code ${container.exitCode}` : ''}
        {container.finishedAt ? ` (${formatAgo(container.finishedAt, now)})` : ''}
      </>
    );
  }
  return <>Unknown</>;
}

function Checklist({ container }: { container: ContainerStatus }) {
  const items = [
    { ok: container.state === 'running', text: container.state === 'running' ? 'Running' : 'Not running' },
    { ok: container.ready, text: container.ready ? 'Ready for traffic' : 'Not ready for traffic' },
    { ok: container.restarts === 0, text: container.restarts === 0 ? 'No restarts' : `${container.restarts} restarts` },
  ];
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={`Checks of ${container.name}`}>
      {items.map((item) => (
        <li key={item.text} className={item.ok ? 'text-emerald-800' : 'text-amber-800'}>
          <span aria-hidden="true">{item.ok ? '✓' : '✕'}</span> {item.text}
        </li>
      ))}
    </ul>
  );
}

export function PodDialog({
  app,
  environment,
  podName,
  pod,
  now,
  onClose,
}: {
  app: string;
  environment: string;
  podName: string | null;
  /** The pod as the latest status has it; undefined when it is gone. */
  pod: PodStatus | undefined;
  now: number;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (podName && !dialog.open) dialog.showModal();
    if (!podName && dialog.open) dialog.close();
  }, [podName]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(56rem,calc(100vw-2rem))] max-h-[calc(100vh-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      {podName ? (
        <div className="flex max-h-[calc(100vh-2rem)] flex-col">
          <div className="flex items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <div className="min-w-0">
              <p className="text-xs uppercase tracking-wide text-slate-500">Pod in {environment}</p>
              <h2 id={titleId} className="break-all font-mono text-base font-semibold">
                {podName}
              </h2>
            </div>
            <Button type="button" variant="secondary" onClick={() => ref.current?.close()}>
              Close
            </Button>
          </div>
          <div className="space-y-4 overflow-y-auto px-4 py-3">
            {!pod ? (
              <p className="text-sm text-slate-700">This pod no longer exists: its deployment replaced it (a rollout, a scale-down or a deleted pod). Close this and pick a current pod.</p>
            ) : (
              <>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
                  <dt className="text-slate-500">Status</dt>
                  <dd>
                    <Badge tone={podStatusTone(pod)}>{pod.status}</Badge>
                    {pod.statusMessage ? <span className="ml-2 text-slate-700">{pod.statusMessage}</span> : null}
                  </dd>
                  <dt className="text-slate-500">Deployment</dt>
                  <dd>
                    {pod.component ?? '—'}
                    {pod.current ? '' : ' (old version)'}
                  </dd>
                  <dt className="text-slate-500">Ready</dt>
                  <dd className="tabular-nums">
                    {pod.ready.ready}/{pod.ready.total}
                  </dd>
                  <dt className="text-slate-500">Restarts</dt>
                  <dd className="tabular-nums">
                    {formatRestarts(pod.restarts, pod.lastRestartAt, now)}
                    {pod.lastRestartReason && pod.restarts > 0 ? `, last: ${pod.lastRestartReason}` : ''}
                  </dd>
                  <dt className="text-slate-500">Node</dt>
                  <dd className="break-all font-mono text-xs">{pod.node ?? 'not scheduled yet'}</dd>
                  <dt className="text-slate-500">Age</dt>
                  <dd>
                    {formatAge(pod.createdAt, now)}
                    {pod.createdAt ? <span className="text-slate-500"> (created {formatClock(pod.createdAt)})</span> : null}
                  </dd>
                  <dt className="text-slate-500">Config revision</dt>
                  <dd className="font-mono text-xs">{shortRevision(pod.configRevision) ?? '—'}</dd>
                  <dt className="text-slate-500">Phase</dt>
                  <dd>{pod.phase}</dd>
                </dl>

                <section aria-labelledby={`${titleId}-containers`}>
                  <h3 id={`${titleId}-containers`} className="text-sm font-semibold">
                    Containers
                  </h3>
                  <ul className="mt-2 space-y-3">
                    {pod.containers.map((c) => (
                      <li key={c.name} className="rounded-md border border-slate-200 p-3 text-sm">
                        <div className="flex flex-wrap items-center gap-2">
                          <span className="font-mono font-semibold">{c.name}</span>
                          {c.sidecar ? <Badge>mesh sidecar</Badge> : null}
                          <span className="text-slate-700">
                            <ContainerState container={c} now={now} />
                          </span>
                          <Link href={podLogsHref(app, environment, pod.name, c.name)} className="ml-auto">
                            Logs of {c.name} →
                          </Link>
                        </div>
                        {c.message ? <p className="mt-1 break-words text-slate-700">{c.message}</p> : null}
                        <p className="mt-1 break-all font-mono text-xs text-slate-600">{c.image}</p>
                        <div className="mt-2">
                          <Checklist container={c} />
                        </div>
                        {c.lastTermination ? (
                          <div className="mt-2 rounded bg-slate-50 p-2">
                            <p>
                              <span className="font-medium">Last stop:</span> {c.lastTermination.reason ?? 'exited'}
                              {c.lastTermination.exitCode !== undefined ? `, exit code ${c.lastTermination.exitCode}` : ''}
                              {c.lastTermination.finishedAt ? (
                                <>
                                  {' '}
                                  at <time dateTime={c.lastTermination.finishedAt}>{formatClock(c.lastTermination.finishedAt)}</time> ({formatAgo(c.lastTermination.finishedAt, now)})
                                </>
                              ) : null}
                              {c.lastTermination.startedAt && c.lastTermination.finishedAt
                                ? `, after running ${Math.max(0, Math.round((Date.parse(c.lastTermination.finishedAt) - Date.parse(c.lastTermination.startedAt)) / 1000))}s`
                                : ''}
                            </p>
                            {c.lastTermination.message ? <p className="mt-1 break-words font-mono text-xs">{c.lastTermination.message}</p> : null}
                            {c.lastTermination.finishedAt ? (
                              <p className="mt-1">
                                <Link href={restartLogsHref(app, environment, pod.name, c.name, c.lastTermination.finishedAt)}>Logs around this restart (previous container) →</Link>
                              </p>
                            ) : null}
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </section>

                <section aria-labelledby={`${titleId}-events`}>
                  <h3 id={`${titleId}-events`} className="text-sm font-semibold">
                    Events of this pod
                  </h3>
                  <EventsList events={pod.events} now={now} label={`Events of ${pod.name}`} empty="No events recorded for this pod in the last hour." />
                </section>
              </>
            )}
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
