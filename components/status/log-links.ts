// Links into the logs viewer (/apps/<app>/logs): a pod's container, or the minutes around its
// last restart with the previous container's lines.
import { logViewSearchParams } from '@/lib/logs/log-view';

const BEFORE_RESTART_MS = 5 * 60_000;
const AFTER_RESTART_MS = 60_000;

export function podLogsHref(app: string, env: string, pod: string, container?: string): string {
  const params = logViewSearchParams({ env, pods: [pod], container, previous: false, follow: false });
  return `/apps/${app}/logs?${params.toString()}`;
}

export function restartLogsHref(app: string, env: string, pod: string, container: string, restartedAt: string): string {
  const at = Date.parse(restartedAt);
  const params = logViewSearchParams({
    env,
    pods: [pod],
    container,
    previous: true,
    follow: false,
    since: new Date(at - BEFORE_RESTART_MS),
    until: new Date(at + AFTER_RESTART_MS),
  });
  return `/apps/${app}/logs?${params.toString()}`;
}

export function appLogsHref(app: string, env: string): string {
  return `/apps/${app}/logs?${new URLSearchParams({ env }).toString()}`;
}

/** The Logs link of a crashed container: the minutes around its last stop when known, else the pod. */
export function crashedContainerLogsHref(app: string, env: string, crashed: { pod: string; container: string; stoppedAt?: string }): string {
  return crashed.stoppedAt ? restartLogsHref(app, env, crashed.pod, crashed.container, crashed.stoppedAt) : podLogsHref(app, env, crashed.pod, crashed.container);
}
