// Kubernetes events as Berth shows them: when each happened, and which belong to an app.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { StatusEvent } from './app-status';
import { toIso, toMillis } from './object-time';

/** Warning events older than this no longer count. */
export const RECENT_EVENTS_MS = 60 * 60 * 1000;

export function eventTime(event: CoreV1Event): number {
  return (
    toMillis(event.lastTimestamp) ??
    toMillis(event.series?.lastObservedTime) ??
    toMillis(event.eventTime) ??
    toMillis(event.firstTimestamp) ??
    toMillis(event.metadata?.creationTimestamp) ??
    0
  );
}

export function toStatusEvent(event: CoreV1Event): StatusEvent {
  const last = eventTime(event);
  return {
    type: event.type === 'Warning' ? 'Warning' : 'Normal',
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    object: { kind: event.involvedObject?.kind ?? '', name: event.involvedObject?.name ?? '' },
    count: event.series?.count ?? event.count ?? 1,
    firstSeen: toIso(event.firstTimestamp) ?? toIso(event.eventTime),
    lastSeen: last ? new Date(last).toISOString() : undefined,
  };
}

/** The app's own objects are named <app> (PDB) or <app>-… (Deployments, ReplicaSets, pods). */
export function concernsApp(event: CoreV1Event, app: string, namespace: string): boolean {
  const name = event.involvedObject?.name ?? '';
  const ns = event.involvedObject?.namespace ?? event.metadata?.namespace;
  return ns === namespace && (name === app || name.startsWith(`${app}-`));
}
