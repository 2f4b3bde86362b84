'use client';
// The cutover panel in the browser: asks /api/apps/<app>/cutover again while a step waits or runs
// (every snapshot interval, at most every 5 s), and acts through the migration server actions.
// A rollback that cannot reach Envoy is the first thing on the panel, as an alert.
import { useRouter } from 'next/navigation';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { fetchJson } from '@/components/data/fetch-json';
import { Button } from '@/components/ui/button';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { approveStepAction, rejectStepAction, requestStepAction, rollbackStepAction, withdrawStepAction } from '@/lib/migration/actions';
import type { CutoverStep, StepEvent } from '@/lib/migration/cutover-step';
import type { CutoverView } from '@/lib/migration/cutover-view';
import type { CutoverWindow } from '@/lib/migration/cutover-window';
import type { Result } from '@/lib/result/result';
import { formatDuration, formatMs, formatRate, formatUtcDateTime, formatUtcTime } from './cutover-format';

type Message = { ok: boolean; text: string } | null;

// The charts exist only for a step with a window and numbers: their code loads with such a step
// (the server renders them into the page; the browser fetches the code while it hydrates them).
const CutoverChart = lazy(() => import('./cutover-chart').then((module) => ({ default: module.CutoverChart })));

export function CutoverLive({ initial }: { initial: CutoverView }) {
  const router = useRouter();
  const [view, setView] = useState(initial);
  const [now, setNow] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [stale, setStale] = useState<string | null>(null);

  const reload = useCallback(
    async (signal?: AbortSignal) => {
      const result = await fetchJson<CutoverView>(`/api/apps/${encodeURIComponent(view.app)}/cutover`, { signal });
      // The time left is counted from the moment of each answer (never during the first render).
      setNow(Date.now());
      if (result.ok) {
        setView(result.data);
        setStale(null);
      } else setStale(result.error.message);
    },
    [view.app],
  );

  // A server refresh (router.refresh after an action) brings a new initial view: it replaces ours.
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setView(initial);
  }

  useEffect(() => {
    if (!view.refreshMs) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      reload(controller.signal).catch(() => undefined);
    }, view.refreshMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [view, reload]);

  async function act(run: () => Promise<Result<unknown>>, done: string): Promise<boolean> {
    setBusy(true);
    setMessage(null);
    try {
      const result = await run();
      if (result.ok) setMessage({ ok: true, text: done });
      else setMessage({ ok: false, text: Object.values(result.error.fieldErrors ?? {})[0]?.[0] ?? result.error.message });
      await reload();
      router.refresh();
      return result.ok;
    } catch {
      setMessage({ ok: false, text: 'Berth could not be reached. Try again.' });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const { route, envoy, step, alarm, may } = view;
  return (
    <div id="cutover-panel" className="mt-2 space-y-4">
      {alarm ? (
        <div role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Berth cannot reach Envoy to set GKE&rsquo;s share back to 0.</p>
          <p className="mt-1">
            GKE may still have {alarm.share} % of {view.app}&rsquo;s traffic. Failing since {formatUtcTime(alarm.failingSince)} ({alarm.attempts} attempt{alarm.attempts === 1 ? '' : 's'}): {alarm.error}
          </p>
          <p className="mt-1">Berth keeps trying and records each attempt. Check the edge Envoy; Berth finishes the rollback as soon as it answers.</p>
        </div>
      ) : null}

      {route ? (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">GKE&rsquo;s share now</dt>
          <dd>
            {envoy === null ? '—' : 'error' in envoy ? (
              <span className="text-red-800">Envoy did not answer: {envoy.error}</span>
            ) : (
              <span className="font-semibold text-slate-900" data-testid="envoy-share">
                {envoy.share === null ? `“${envoy.value}” (not a whole percent)` : `${envoy.share} %`}
              </span>
            )}{' '}
            <span className="text-slate-500">(as Envoy reads it)</span>
          </dd>
          <dt className="text-slate-500">Route</dt>
          <dd className="break-words">
            <span className="font-mono">{route.runtimeKey}</span>: <span className="font-mono">{route.clusters.aptible}</span> (Aptible) or <span className="font-mono">{route.clusters.gke}</span> (GKE)
          </dd>
          <dt className="text-slate-500">Envoy admin</dt>
          <dd className="break-all font-mono">{route.envoyAdmin}</dd>
          <dt className="text-slate-500">Rolls back when</dt>
          <dd>GKE&rsquo;s 5xx rate exceeds Aptible&rsquo;s by more than {route.maxExtra5xxPercent} point{route.maxExtra5xxPercent === 1 ? '' : 's'}</dd>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">
          migration.yaml names no Envoy route for {view.app} (<span className="font-mono">cutover:</span> admin address, runtime key, the two clusters), so its traffic does not move through the ladder.
        </p>
      )}
      {view.timeScale !== 1 ? (
        <p className="text-xs text-slate-600">
          Sandbox: time runs {view.timeScale}× faster here, so a 15-minute window lasts {formatDuration((15 * 60_000) / view.timeScale)}.
        </p>
      ) : null}
      {stale ? <p className="text-sm text-amber-800">These numbers may be old: {stale}</p> : null}
      {untracked(view) ? (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          Envoy sends GKE {envoy && 'share' in envoy ? envoy.share : '?'} % of {view.app}&rsquo;s traffic, and no step is running in Berth: the share was set outside Berth, or before Berth kept this step log. The next step starts from it, and its window ends at 0.
        </p>
      ) : null}

      {step ? <StepCard step={step} view={view} now={now} busy={busy} act={act} /> : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-800' : 'text-red-800'}`}>
          {message.text}
        </p>
      ) : null}
      {may.request && route ? <RequestForm app={view.app} defaultWindow={route.stepWindowMinutes} busy={busy} act={act} /> : null}
      <StepLog log={view.log} />
    </div>
  );
}

/** Envoy holds a share no step of Berth's accounts for (outside a finished move, where 100 is expected). */
function untracked(view: CutoverView): boolean {
  const share = view.envoy && 'share' in view.envoy ? view.envoy.share : null;
  const running = view.step !== null && ['requested', 'starting', 'running', 'rolling-back'].includes(view.step.status);
  return share !== null && share > 0 && share < 100 && !running;
}

type Act = (run: () => Promise<Result<unknown>>, done: string) => Promise<boolean>;

const OUTCOMES: Record<NonNullable<CutoverStep['outcome']>, string> = {
  'window-ended': 'The window ran its full length; GKE’s share is back to 0.',
  'rolled-back-5xx': 'Rolled back early: GKE’s 5xx rate exceeded Aptible’s by more than the threshold.',
  'rolled-back-by-hand': 'Rolled back by hand.',
  'rolled-back-after-restart': 'Rolled back to be safe: Berth could not confirm the step had started.',
  'at-100': 'GKE has all the traffic.',
};

function statusLine(step: CutoverStep, now: number | null): string {
  switch (step.status) {
    case 'requested':
      return `Waiting for a second person’s approval (asked by ${step.requestedBy.name}).`;
    case 'starting':
      return 'Starting: Berth is setting the share in Envoy.';
    case 'running': {
      const left = now !== null && step.endsAt ? ` (${formatDuration(Date.parse(step.endsAt) - now)} left)` : '';
      return `Running since ${formatUtcTime(step.startedAt!)}; back to 0 at ${formatUtcTime(step.endsAt!)}${left}.`;
    }
    case 'rolling-back':
      return 'Rolling back: Berth is setting GKE’s share back to 0.';
    case 'done':
      return `${step.outcome ? OUTCOMES[step.outcome] : 'Done.'} Ended ${formatUtcTime(step.endedAt ?? step.updatedAt)}.`;
    case 'failed':
      return `Did not start: ${step.statusReason ?? 'Envoy did not take the change.'}`;
    case 'rejected':
      return `Rejected: ${step.statusReason ?? ''}`;
    case 'withdrawn':
      return 'Withdrawn by the person who asked for it.';
  }
}

function StepCard({ step, view, now, busy, act }: { step: CutoverStep; view: CutoverView; now: number | null; busy: boolean; act: Act }) {
  const [reason, setReason] = useState('');
  const { may } = view;
  return (
    <section aria-labelledby="cutover-step-heading" className="rounded-md border border-slate-200 p-3" data-status={step.status}>
      <h3 id="cutover-step-heading" className="font-semibold text-slate-900">
        {step.status === 'requested' || step.status === 'starting' || step.status === 'running' || step.status === 'rolling-back' ? 'Step under way' : 'Last step'}: GKE at {step.share} %
        {step.windowMinutes ? ` for ${step.windowMinutes} min` : ' (the last step)'}
      </h3>
      <p className="mt-1 text-sm text-slate-800" data-testid="cutover-status">
        {statusLine(step, now)}
      </p>
      <p className="mt-1 text-sm text-slate-600">
        Asked by {step.requestedBy.name} {formatUtcDateTime(step.createdAt)}: &ldquo;{step.reason}&rdquo;
        {step.approvedBy ? ` Approved by ${step.approvedBy.name}.` : ''}
        {step.status === 'done' && step.statusReason && step.outcome === 'rolled-back-5xx' ? ` ${step.statusReason}` : ''}
      </p>
      {step.status === 'requested' && !may.approve && !may.withdraw ? <p className="mt-1 text-sm text-slate-600">A second person on the owning team or the platform team approves it; Berth then runs it.</p> : null}

      {step.numbers ? <Numbers numbers={step.numbers} /> : step.status === 'running' ? <p className="mt-2 text-sm text-slate-600">Measuring: the first numbers come with the next snapshot of Envoy&rsquo;s stats.</p> : null}
      {step.windowMinutes && view.points.length > 0 ? (
        <LoadBoundary what="The charts of this step">
          <Suspense
            fallback={
              <p role="status" className="mt-2 text-sm text-slate-600">
                Loading the charts…
              </p>
            }
          >
            <CutoverChart points={view.points} />
          </Suspense>
        </LoadBoundary>
      ) : null}

      <div className="mt-3 flex flex-wrap items-end gap-2">
        {may.rollback ? (
          <Button type="button" variant="danger" disabled={busy} onClick={() => void act(() => rollbackStepAction({ id: step.id }), 'Rolled back: GKE’s share is back to 0.')}>
            Roll back now
          </Button>
        ) : null}
        {may.approve ? (
          <>
            <Button type="button" disabled={busy} onClick={() => void act(() => approveStepAction({ id: step.id }), `Approved: GKE is at ${step.share} %.`)}>
              Approve and start
            </Button>
            <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm">
              <span className="font-medium">Why reject it</span>
              <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} className="rounded-md border border-slate-300 px-2 py-1" />
            </label>
            <Button type="button" variant="secondary" disabled={busy || !reason.trim()} onClick={() => void act(() => rejectStepAction({ id: step.id, reason }), 'Rejected.')}>
              Reject
            </Button>
          </>
        ) : null}
        {may.withdraw ? (
          <Button type="button" variant="ghost" disabled={busy} onClick={() => void act(() => withdrawStepAction({ id: step.id }), 'Withdrawn.')}>
            Withdraw
          </Button>
        ) : null}
      </div>
    </section>
  );
}

const VERDICT_STYLE: Record<CutoverWindow['verdict']['kind'], { label: string; className: string }> = {
  rollback: { label: 'GKE’s 5xx rate is above the threshold', className: 'bg-red-100 text-red-900' },
  'within-threshold': { label: 'Within the threshold', className: 'bg-emerald-100 text-emerald-900' },
  'too-little-traffic': { label: 'Too little to judge yet', className: 'bg-amber-100 text-amber-900' },
};

function Numbers({ numbers }: { numbers: CutoverWindow }) {
  const rows: [string, (side: CutoverWindow['aptible']) => string][] = [
    ['Requests', (s) => String(s.requests)],
    ['5xx responses', (s) => String(s.errors5xx)],
    ['5xx rate', (s) => formatRate(s.rate5xx)],
    ['p50 latency', (s) => formatMs(s.latencyMs?.p50 ?? null)],
    ['p95 latency', (s) => formatMs(s.latencyMs?.p95 ?? null)],
    ['p99 latency', (s) => formatMs(s.latencyMs?.p99 ?? null)],
  ];
  const verdict = VERDICT_STYLE[numbers.verdict.kind];
  return (
    <div className="mt-3">
      <table className="w-full text-left text-sm" data-testid="cutover-numbers">
        <caption className="mb-1 text-left text-sm text-slate-700">
          Both sides from {formatUtcTime(new Date(numbers.from).toISOString())} to {formatUtcTime(new Date(numbers.to).toISOString())} ({formatDuration(numbers.to - numbers.from)}), from Envoy&rsquo;s stats
        </caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="py-1 pr-3 font-medium">
              <span className="sr-only">Measure</span>
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Aptible
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              GKE
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-3 font-normal text-slate-600">
                {label}
              </th>
              <td className="py-1 pr-3 tabular-nums">{value(numbers.aptible)}</td>
              <td className="py-1 pr-3 tabular-nums">{value(numbers.gke)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {numbers.aptible.reset || numbers.gke.reset ? <p className="mt-1 text-xs text-amber-800">Envoy&rsquo;s counters restarted during this window: the numbers count from the restart.</p> : null}
      <p className="mt-2 text-sm">
        <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${verdict.className}`}>{verdict.label}</span>
        {numbers.verdict.message}
      </p>
    </div>
  );
}

function RequestForm({ app, defaultWindow, busy, act }: { app: string; defaultWindow: number; busy: boolean; act: Act }) {
  const [share, setShare] = useState('5');
  const [minutes, setMinutes] = useState(String(defaultWindow));
  const [reason, setReason] = useState('');
  const full = share.trim() === '100';
  return (
    <form
      aria-labelledby="cutover-request-heading"
      className="rounded-md border border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        void act(
          () => requestStepAction({ app, share, windowMinutes: full ? undefined : minutes, reason }),
          'Asked: a second person on the team approves it, then Berth runs it.',
        ).then((done) => {
          if (done) setReason('');
        });
      }}
    >
      <h3 id="cutover-request-heading" className="font-semibold text-slate-900">
        Ask for the next step
      </h3>
      <p className="mt-1 text-sm text-slate-600">
        A step sends GKE a share of production traffic for a window, then Berth sets it back to 0 (earlier if GKE&rsquo;s 5xx rate is above the threshold). The usual ladder: 5, 15, 25, 50 %, then 100 % for good. A second person approves each step.
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        <label className="flex w-32 flex-col gap-1 text-sm">
          <span className="font-medium">GKE&rsquo;s share (%)</span>
          <input type="number" inputMode="numeric" min={1} max={100} step={1} required value={share} onChange={(e) => setShare(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex w-32 flex-col gap-1 text-sm">
          <span className="font-medium">Window (minutes)</span>
          <input type="number" inputMode="numeric" min={1} max={1440} step={1} required={!full} disabled={full} value={full ? '' : minutes} onChange={(e) => setMinutes(e.target.value)} aria-describedby={full ? 'cutover-full-hint' : undefined} className="rounded-md border border-slate-300 px-2 py-1 disabled:bg-slate-100" />
        </label>
      </div>
      {full ? (
        <p id="cutover-full-hint" className="mt-1 text-sm text-slate-600">
          100 % is the last step: no window, GKE keeps all the traffic.
        </p>
      ) : null}
      <label className="mt-2 flex flex-col gap-1 text-sm">
        <span className="font-medium">Why now</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} required className="rounded-md border border-slate-300 px-2 py-1" />
      </label>
      <Button type="submit" className="mt-2" disabled={busy}>
        Ask for approval
      </Button>
    </form>
  );
}

const EVENT_WORDS: Record<StepEvent['kind'], string> = {
  requested: 'asked for a step',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrew',
  started: 'started',
  'start-failed': 'could not start',
  resumed: 'took over',
  'rollback-started': 'asked for a rollback',
  'rollback-failed': 'could not reach Envoy',
  'rolled-back': 'rolled back',
  completed: 'completed',
  'file-not-updated': 'could not update migration.yaml',
};

function StepLog({ log }: { log: StepEvent[] }) {
  return (
    <section aria-labelledby="cutover-log-heading">
      <h3 id="cutover-log-heading" className="font-semibold text-slate-900">
        Step log
      </h3>
      {log.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No step yet: the first one starts the cutover.</p>
      ) : (
        <ol className="mt-1 space-y-2 text-sm">
          {log.map((event) => (
            <li key={event.id} className="border-l-2 border-slate-200 pl-2">
              <p>
                <time dateTime={event.time} className="text-slate-500">
                  {formatUtcDateTime(event.time)}
                </time>{' '}
                <span className="font-medium">{event.actor.name}</span> {EVENT_WORDS[event.kind]} (step #{event.stepId})
              </p>
              {event.body ? <p className="text-slate-700">{event.body}</p> : null}
              {event.numbers ? (
                <p className="text-slate-600">
                  Aptible {event.numbers.aptible.requests} requests, {formatRate(event.numbers.aptible.rate5xx)} 5xx, p95 {formatMs(event.numbers.aptible.latencyMs?.p95 ?? null)} · GKE {event.numbers.gke.requests} requests, {formatRate(event.numbers.gke.rate5xx)} 5xx, p95{' '}
                  {formatMs(event.numbers.gke.latencyMs?.p95 ?? null)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
