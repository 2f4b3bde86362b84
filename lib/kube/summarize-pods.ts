// One pod as the status page shows it: each container's state, kubectl's STATUS column, and the
// problem (if any) that explains it.
import type { V1Pod } from '@kubernetes/client-node';
import type { ContainerStatus, ContainerTermination, StatusEvent } from './app-status';
import { SIDECARS } from './chart-labels';
import type { ProblemKind } from './explain-problem';
import { type TimeValue, toIso, toMillis } from './object-time';

/** A crash this recent still makes the app "degraded" even if the pod runs again. */
export const RECENT_RESTART_MS = 10 * 60 * 1000;
/** An OOM kill this recent still makes the app "degraded". */
export const RECENT_OOM_MS = 30 * 60 * 1000;

export function termination(state: { terminated?: { reason?: string; exitCode?: number; message?: string; startedAt?: TimeValue; finishedAt?: TimeValue } } | undefined): ContainerTermination | undefined {
  const t = state?.terminated;
  if (!t) return undefined;
  const out: ContainerTermination = { exitCode: t.exitCode };
  if (t.reason) out.reason = t.reason;
  if (t.message) out.message = t.message.trim();
  const started = toIso(t.startedAt);
  const finished = toIso(t.finishedAt);
  if (started) out.startedAt = started;
  if (finished) out.finishedAt = finished;
  return out;
}

export function containerStatuses(pod: V1Pod): ContainerStatus[] {
  const specs = pod.spec?.containers ?? [];
  const statuses = pod.status?.containerStatuses ?? [];
  return specs.map((spec) => {
    const cs = statuses.find((s) => s.name === spec.name);
    const out: ContainerStatus = {
      name: spec.name,
      image: cs?.image ?? spec.image ?? '',
      ready: cs?.ready ?? false,
      restarts: cs?.restartCount ?? 0,
      state: 'unknown',
      sidecar: SIDECARS.has(spec.name),
    };
    const state = cs?.state;
    if (state?.running) {
      out.state = 'running';
      out.startedAt = toIso(state.running.startedAt);
    } else if (state?.waiting) {
      out.state = 'waiting';
      if (state.waiting.reason) out.reason = state.waiting.reason;
      if (state.waiting.message) out.message = state.waiting.message;
    } else if (state?.terminated) {
      const t = termination(state)!;
      out.state = 'terminated';
      out.reason = t.reason;
      out.exitCode = t.exitCode;
      out.message = t.message;
      out.startedAt = t.startedAt;
      out.finishedAt = t.finishedAt;
    } else if (!cs) {
      out.state = 'waiting';
      out.reason = pod.spec?.nodeName ? 'ContainerCreating' : 'Pending';
    }
    const last = termination(cs?.lastState);
    if (last) out.lastTermination = last;
    for (const key of Object.keys(out) as (keyof ContainerStatus)[]) if (out[key] === undefined) delete out[key];
    return out;
  });
}

/** kubectl's STATUS column (printPod), for the cases Berth shows. */
export function podDisplayStatus(pod: V1Pod, containers: ContainerStatus[]): { status: string; message?: string } {
  if (pod.metadata?.deletionTimestamp) return { status: 'Terminating' };
  let status = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  let message: string | undefined = pod.status?.message;
  let running = false;
  for (const c of [...containers].reverse()) {
    if (c.state === 'waiting' && c.reason && c.reason !== 'Pending') {
      status = c.reason;
      message = c.message;
    } else if (c.state === 'terminated') {
      status = c.reason ?? `ExitCode:${c.exitCode ?? '?'}`;
      message = c.message;
    } else if (c.state === 'running' && c.ready) running = true;
  }
  if (status === 'Completed' && running) status = 'Running';
  return message ? { status, message } : { status };
}

export function podProblem(pod: V1Pod, containers: ContainerStatus[], events: StatusEvent[], now: number): ProblemKind | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  if (pod.status?.reason === 'Evicted') return 'Evicted';
  const own = containers.filter((c) => !c.sidecar);
  const waiting = (reasons: string[]) => containers.some((c) => c.state === 'waiting' && c.reason && reasons.includes(c.reason));
  if (waiting(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull'])) return 'ImagePullBackOff';
  if (waiting(['CreateContainerConfigError', 'CreateContainerError'])) return 'CreateContainerConfigError';
  const oom = containers.some(
    (c) =>
      (c.state === 'terminated' && c.reason === 'OOMKilled') ||
      (c.lastTermination?.reason === 'OOMKilled' && now - (toMillis(c.lastTermination.finishedAt) ?? 0) < RECENT_OOM_MS),
  );
  if (oom) return 'OOMKilled';
  if (waiting(['CrashLoopBackOff']) || containers.some((c) => c.state === 'terminated' && c.restarts > 0)) return 'CrashLoopBackOff';
  const unschedulable = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
  if (unschedulable) return 'Pending';
  const notReady = own.some((c) => c.state === 'running' && !c.ready);
  if (notReady) {
    // A start-up probe failing while the app starts is expected (it allows that many failures);
    // only the readiness and liveness probes say the running app is unhealthy.
    const probeFailing = events.some(
      (e) => e.type === 'Warning' && e.reason === 'Unhealthy' && !isStartupProbeFailure(e) && now - (toMillis(e.lastSeen) ?? 0) < 5 * 60 * 1000,
    );
    return probeFailing ? 'Unhealthy' : undefined;
  }
  const recentCrash = containers.some((c) => c.lastTermination && now - (toMillis(c.lastTermination.finishedAt) ?? 0) < RECENT_RESTART_MS);
  if (recentCrash) return 'Restarted';
  return undefined;
}

/** "Startup probe failed: …": Kubernetes' event while a start-up probe has not passed yet. */
export function isStartupProbeFailure(event: Pick<StatusEvent, 'reason' | 'message'>): boolean {
  return event.reason === 'Unhealthy' && /^Startup probe failed/i.test(event.message);
}
