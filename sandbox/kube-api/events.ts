// core/v1 Events as the client-go recorder writes them: named `<object>.<unix-nanos hex>`, a
// repeat of the same event bumps `count` and `lastTimestamp`, and old events expire (1 h TTL).
import type { Clock } from './clock';
import { formatTime, parseTime, type KubeEvent, type KubeObject, type ObjectReference } from './kube-types';
import type { ClusterStore } from './store';

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventRecorderOptions {
  store: ClusterStore;
  clock: Clock;
  /** Simulated time runs this many times faster than the clock; the TTL shrinks with it. */
  timeScale: number;
  ttlMs?: number;
}

export function referenceTo(object: KubeObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = {
    kind: object.kind ?? '',
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    uid: object.metadata.uid,
    apiVersion: object.apiVersion ?? 'v1',
    resourceVersion: object.metadata.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

export class EventRecorder {
  private readonly store: ClusterStore;
  private readonly clock: Clock;
  private readonly ttlMs: number;
  /** dedupe key → event name */
  private readonly seen = new Map<string, { namespace: string; name: string }>();
  private sequence = 0;

  constructor(options: EventRecorderOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.ttlMs = (options.ttlMs ?? 60 * 60 * 1000) / options.timeScale;
  }

  record(involved: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource): KubeEvent {
    const now = this.clock.now();
    const namespace = involved.namespace || 'default';
    this.expire(now);
    const key = [involved.uid ?? involved.name, involved.fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const existing = this.seen.get(key);
    if (existing) {
      const updated = this.store.mutate<KubeEvent>('events', existing.namespace, existing.name, (e) => {
        e.count += 1;
        e.lastTimestamp = formatTime(now);
      });
      if (updated) return updated;
      this.seen.delete(key);
    }
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${involved.name}.${nanos.toString(16)}`, namespace },
      involvedObject: involved,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: formatTime(now),
      lastTimestamp: formatTime(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const stored = this.store.create('events', event);
    this.seen.set(key, { namespace, name: stored.metadata.name });
    return stored;
  }

  private expire(now: number): void {
    const cutoff = now - this.ttlMs;
    for (const [key, ref] of this.seen) {
      const event = this.store.get('events', ref.namespace, ref.name) as KubeEvent | undefined;
      // The map is in insertion order, so the first live event newer than the cutoff ends the scan
      // well enough: repeats keep an entry alive without moving it, which only delays its expiry.
      if (!event) {
        this.seen.delete(key);
        continue;
      }
      if ((parseTime(event.lastTimestamp) ?? now) >= cutoff) break;
      this.store.delete('events', ref.namespace, ref.name);
      this.seen.delete(key);
    }
  }
}
