import 'server-only';
// One cluster's caches: ONE informer per kind (pods, deployments, replicasets, events,
// poddisruptionbudgets) across all namespaces, Helm-managed objects only, indexed by app
// (app.kubernetes.io/instance) — events by namespace — so a status read never scans the cluster.
//
// client-node's informer relists by itself on 410 Expired and re-watches when a watch ends; on any
// other error it stops. Then this cache marks the cluster unreachable, keeps the last good data,
// and starts a fresh informer (a full relist) after a growing back-off. A fresh informer, rather
// than a restart from the old resourceVersion, because the server may have lost its history
// (a restarted API server, the sandbox's in-memory store).
import {
  AppsV1Api,
  CoreV1Api,
  type CoreV1Event,
  type Informer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  makeInformer,
  PolicyV1Api,
  type V1Deployment,
  type V1Pod,
  type V1PodDisruptionBudget,
  type V1ReplicaSet,
  VersionApi,
} from '@kubernetes/client-node';
import type { Logger } from '@/lib/logger/logger';
import type { ClusterReachability } from './app-status';
import { type AppObjects, LABEL_INSTANCE } from './chart-labels';
import { toMillis } from './object-time';
import { withoutAddresses } from '@/lib/text/without-addresses';

export type KindName = 'pods' | 'deployments' | 'replicasets' | 'events' | 'poddisruptionbudgets';
export const KINDS: KindName[] = ['deployments', 'replicasets', 'pods', 'poddisruptionbudgets', 'events'];

/** What changed: an app's objects (by instance label), a namespace's events, or the cluster's reachability. */
export type CacheChange = { app: string } | { namespace: string } | { cluster: true };
export type CacheListener = (change: CacheChange) => void;

export interface ClusterCacheOptions {
  /** Environment name (stage, production): for logs. */
  environment: string;
  kubeConfig: KubeConfig;
  logger?: Logger;
  /** First retry after an error (ms, default 1 s); doubles up to maxBackoffMs (default 30 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * A GET /version this often (default 3 s; 0: off) notices an API server that stopped answering
   * without closing its connections — a watch just goes quiet. No answer within probeTimeoutMs
   * (default 6 s) marks the cluster unreachable: a silent server is reported within
   * probeIntervalMs + probeTimeoutMs (9 s by default).
   */
  probeIntervalMs?: number;
  probeTimeoutMs?: number;
  now?: () => number;
}

export interface ClusterCacheState {
  reachability: Exclude<ClusterReachability, 'not-configured'>;
  lastSyncAt?: number;
  unreachableSince?: number;
  error?: string;
}

interface KindDefinition<T extends KubernetesObject> {
  path: string;
  labelSelector?: string;
  list: (kc: KubeConfig) => Promise<KubernetesListObject<T>>;
  /** The index key of an object: its app, or (events) its namespace. */
  key: (object: T) => string | undefined;
}

const HELM_MANAGED = LABEL_INSTANCE; // "exists": only objects a Helm release made

const byInstance = (object: KubernetesObject) => object.metadata?.labels?.[LABEL_INSTANCE];
const byNamespace = (object: KubernetesObject) => object.metadata?.namespace;

const DEFINITIONS: { [K in KindName]: KindDefinition<KubernetesObject> } = {
  pods: {
    path: '/api/v1/pods',
    labelSelector: HELM_MANAGED,
    list: (kc) => kc.makeApiClient(CoreV1Api).listPodForAllNamespaces({ labelSelector: HELM_MANAGED }),
    key: byInstance,
  },
  deployments: {
    path: '/apis/apps/v1/deployments',
    labelSelector: HELM_MANAGED,
    list: (kc) => kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces({ labelSelector: HELM_MANAGED }),
    key: byInstance,
  },
  replicasets: {
    path: '/apis/apps/v1/replicasets',
    labelSelector: HELM_MANAGED,
    list: (kc) => kc.makeApiClient(AppsV1Api).listReplicaSetForAllNamespaces({ labelSelector: HELM_MANAGED }),
    key: byInstance,
  },
  poddisruptionbudgets: {
    path: '/apis/policy/v1/poddisruptionbudgets',
    labelSelector: HELM_MANAGED,
    list: (kc) => kc.makeApiClient(PolicyV1Api).listPodDisruptionBudgetForAllNamespaces({ labelSelector: HELM_MANAGED }),
    key: byInstance,
  },
  events: {
    path: '/api/v1/events',
    list: (kc) => kc.makeApiClient(CoreV1Api).listEventForAllNamespaces({}),
    key: byNamespace,
  },
};

/** Events kept per namespace (newest win); the API server's own TTL is one hour. */
const MAX_EVENTS_PER_NAMESPACE = 1000;

function objectKey(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown; statusCode?: unknown }).statusCode ?? (error as { code?: unknown }).code;
    const cause = (error as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message || error.name}${code !== undefined && !error.message.includes(String(code)) ? ` (${String(code)})` : ''}${causeText}`;
  }
  return String(error);
}

class KindWatcher {
  readonly kind: KindName;
  /** app (or namespace) → object key → object */
  readonly index = new Map<string, Map<string, KubernetesObject>>();
  synced = false;
  failing = false;
  /** Full lists so far (first start, 410 Expired, reconnects): for tests and diagnostics. */
  lists = 0;
  failures = 0;
  private informer: Informer<KubernetesObject> | undefined;
  private generation = 0;
  private attempt = 0;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;

  constructor(
    kind: KindName,
    private readonly cache: ClusterCache,
  ) {
    this.kind = kind;
  }

  get definition(): KindDefinition<KubernetesObject> {
    return DEFINITIONS[this.kind];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.generation++;
    const informer = this.informer;
    this.informer = undefined;
    await informer?.stop();
  }

  /** Drops the current informer and starts a fresh one now, which lists everything again. */
  reconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.synced = false;
    this.connect();
  }

  private connect(): void {
    const generation = ++this.generation;
    const previous = this.informer;
    void previous?.stop();
    const { path, labelSelector, list } = this.definition;
    const kc = this.cache.kubeConfig;
    const current = () => generation === this.generation && !this.stopped;
    // The list (first start, after 410, after an error) replaces the index wholesale: objects
    // deleted while the watch was down disappear too.
    const listFn = async () => {
      const result = await list(kc);
      this.lists++;
      if (current()) {
        this.replaceAll(result.items);
        this.attempt = 0;
        this.synced = true;
        this.failing = false;
        this.cache.kindRecovered();
      }
      return result;
    };
    const informer = makeInformer(kc, path, listFn, labelSelector);
    informer.on('add', (object) => current() && this.upsert(object));
    informer.on('update', (object) => current() && this.upsert(object));
    informer.on('delete', (object) => current() && this.remove(object));
    informer.on('error', (error?: unknown) => {
      if (current()) this.fail(error);
    });
    this.informer = informer;
    informer.start().catch((error: unknown) => {
      if (current()) this.fail(error);
    });
  }

  private fail(error: unknown): void {
    this.failing = true;
    this.failures++;
    const delay = Math.min(this.cache.initialBackoffMs * 2 ** this.attempt, this.cache.maxBackoffMs);
    this.attempt++;
    // Up to 20% jitter so many replicas do not reconnect in step.
    const jittered = delay * (1 + Math.random() * 0.2);
    this.cache.kindFailed(this.kind, describeError(error), Math.round(jittered));
    clearTimeout(this.retry);
    const generation = this.generation;
    this.retry = setTimeout(() => {
      if (!this.stopped && generation === this.generation) this.connect();
    }, jittered);
    this.retry.unref?.();
  }

  private replaceAll(items: KubernetesObject[]): void {
    const touched = new Set<string>(this.index.keys());
    this.index.clear();
    for (const item of items) this.put(item);
    for (const key of this.index.keys()) touched.add(key);
    for (const key of touched) this.cache.changed(this.kind, key);
  }

  private put(object: KubernetesObject): string | undefined {
    const key = this.definition.key(object);
    if (!key) return undefined;
    let bucket = this.index.get(key);
    if (!bucket) {
      bucket = new Map();
      this.index.set(key, bucket);
    }
    bucket.set(objectKey(object), object);
    // Trimmed in batches (10% over the limit) so a busy namespace does not sort on every event.
    if (this.kind === 'events' && bucket.size > MAX_EVENTS_PER_NAMESPACE * 1.1) {
      const oldest = [...bucket.entries()].sort(([, a], [, b]) => eventMillis(a) - eventMillis(b)).slice(0, bucket.size - MAX_EVENTS_PER_NAMESPACE);
      for (const [k] of oldest) bucket.delete(k);
    }
    return key;
  }

  private upsert(object: KubernetesObject): void {
    // An object whose index key changed (a relabelled pod) leaves its old bucket.
    const id = objectKey(object);
    const key = this.definition.key(object);
    for (const [other, bucket] of this.index) {
      if (other !== key && bucket.delete(id)) {
        if (bucket.size === 0) this.index.delete(other);
        this.cache.changed(this.kind, other);
      }
    }
    const put = this.put(object);
    if (put) this.cache.changed(this.kind, put);
  }

  private remove(object: KubernetesObject): void {
    const key = this.definition.key(object);
    if (!key) return;
    const bucket = this.index.get(key);
    if (bucket?.delete(objectKey(object))) {
      if (bucket.size === 0) this.index.delete(key);
      this.cache.changed(this.kind, key);
    }
  }

  objects(key: string): KubernetesObject[] {
    return [...(this.index.get(key)?.values() ?? [])];
  }
}

function eventMillis(object: KubernetesObject): number {
  const event = object as CoreV1Event;
  return toMillis(event.lastTimestamp) ?? toMillis(event.eventTime) ?? toMillis(event.metadata?.creationTimestamp) ?? 0;
}

export class ClusterCache {
  readonly environment: string;
  readonly kubeConfig: KubeConfig;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  private readonly probeIntervalMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;
  private readonly logger?: Logger;
  private readonly watchers: Map<KindName, KindWatcher>;
  private readonly listeners = new Set<CacheListener>();
  private readonly syncWaiters = new Set<() => void>();
  private started = false;
  private lastSyncAt: number | undefined;
  private unreachableSince: number | undefined;
  private lastError: string | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Since when the API server has not answered a probe (undefined: it answers). */
  private silentSince: number | undefined;
  /** It answers again, and the fresh informers have not all listed yet. */
  private relisting = false;
  /** The probe still waiting for its answer, and when it was sent. */
  private probeInFlight: { sentAt: number; settled: Promise<unknown> } | undefined;

  constructor(options: ClusterCacheOptions) {
    this.environment = options.environment;
    this.kubeConfig = options.kubeConfig;
    this.initialBackoffMs = options.initialBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.probeIntervalMs = options.probeIntervalMs ?? 3_000;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 6_000;
    this.now = options.now ?? Date.now;
    this.logger = options.logger;
    this.watchers = new Map(KINDS.map((kind) => [kind, new KindWatcher(kind, this)]));
  }

  /** Starts the informers (once; later calls do nothing). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.logger?.info({ environment: this.environment, server: this.kubeConfig.getCurrentCluster()?.server }, 'starting cluster informers');
    for (const watcher of this.watchers.values()) watcher.start();
    if (this.probeIntervalMs > 0) {
      this.probeTimer = setInterval(() => void this.probe(), this.probeIntervalMs);
      this.probeTimer.unref?.();
    }
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.probeTimer);
    this.probeInFlight = undefined;
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    for (const resolve of this.syncWaiters) resolve();
    this.syncWaiters.clear();
  }

  state(): ClusterCacheState {
    const watchers = [...this.watchers.values()];
    const failing = this.silentSince !== undefined || this.relisting || watchers.some((w) => w.failing);
    const synced = watchers.every((w) => w.synced);
    const reachability = failing ? 'unreachable' : synced ? 'reachable' : 'connecting';
    const state: ClusterCacheState = { reachability };
    if (this.lastSyncAt !== undefined) state.lastSyncAt = this.lastSyncAt;
    if (failing) {
      if (this.unreachableSince !== undefined) state.unreachableSince = this.unreachableSince;
      // Shown on status pages, in the SSE stream and in readiness: never the API server's address
      // (the logger keeps the full error).
      if (this.lastError) state.error = withoutAddresses(this.lastError);
    }
    return state;
  }

  /** Lists and failures per kind so far. */
  stats(): Record<KindName, { lists: number; failures: number }> {
    return Object.fromEntries([...this.watchers].map(([kind, w]) => [kind, { lists: w.lists, failures: w.failures }])) as Record<KindName, { lists: number; failures: number }>;
  }

  /** Resolves true once every kind has been listed (false on timeout or stop). */
  waitForSync(timeoutMs: number): Promise<boolean> {
    if (this.state().reachability === 'reachable') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.syncWaiters.delete(done);
        resolve(this.state().reachability === 'reachable');
      };
      const timer = setTimeout(done, timeoutMs);
      this.syncWaiters.add(done);
    });
  }

  onChange(listener: CacheListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** One app's objects from the caches (the namespace selects its events). */
  objectsFor(app: string, namespace: string): AppObjects {
    const get = (kind: KindName, key: string) => this.watchers.get(kind)!.objects(key);
    return {
      deployments: get('deployments', app) as V1Deployment[],
      replicaSets: get('replicasets', app) as V1ReplicaSet[],
      pods: get('pods', app) as V1Pod[],
      disruptionBudgets: get('poddisruptionbudgets', app) as V1PodDisruptionBudget[],
      events: get('events', namespace) as CoreV1Event[],
    };
  }

  // ---- called by the kind watchers ------------------------------------------------------------

  changed(kind: KindName, key: string): void {
    const change: CacheChange = kind === 'events' ? { namespace: key } : { app: key };
    this.emit(change);
  }

  kindFailed(kind: KindName, error: string, retryInMs: number): void {
    const wasFailing = this.unreachableSince !== undefined;
    this.unreachableSince ??= this.now();
    this.lastError = error;
    if (!wasFailing) {
      this.logger?.warn({ environment: this.environment, kind, error, retryInMs }, 'cluster unreachable; informers retry with back-off');
      this.emit({ cluster: true });
    }
  }

  kindRecovered(): void {
    if (this.relisting && [...this.watchers.values()].every((w) => w.synced)) this.relisting = false;
    const state = this.state();
    if (state.reachability !== 'reachable') return;
    this.lastSyncAt = this.now();
    if (this.unreachableSince !== undefined) {
      this.logger?.info({ environment: this.environment, downForMs: this.now() - this.unreachableSince }, 'cluster reachable again; caches relisted');
    }
    this.unreachableSince = undefined;
    this.lastError = undefined;
    this.emit({ cluster: true });
    for (const resolve of [...this.syncWaiters]) resolve();
  }

  private emit(change: CacheChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger?.error({ err: error }, 'cache listener failed');
      }
    }
  }

  /**
   * One probe at a time. A probe not answered within probeTimeoutMs marks the cluster silent
   * (unreachable since the probe was sent); it stays out (at most one request left waiting on a
   * stopped server) and its late answer, or a new probe's once it has waited 5 × probeTimeoutMs,
   * brings the cluster back: every informer lists again from scratch.
   */
  private probe(): void {
    const inFlight = this.probeInFlight;
    if (inFlight && this.now() - inFlight.sentAt < this.probeTimeoutMs * 5) return;
    const sentAt = this.now();
    const answer = this.kubeConfig.makeApiClient(VersionApi).getCode();
    const current = { sentAt, settled: answer };
    this.probeInFlight = current;
    const timer = setTimeout(() => {
      if (this.probeInFlight === current) this.markSilent(sentAt, `no answer from the API server within ${this.probeTimeoutMs / 1000} s`);
    }, this.probeTimeoutMs);
    timer.unref?.();
    answer.then(
      () => {
        clearTimeout(timer);
        if (this.probeInFlight === current) this.probeInFlight = undefined;
        this.answered();
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (this.probeInFlight !== current) return;
        this.probeInFlight = undefined;
        this.markSilent(sentAt, describeError(error));
      },
    );
  }

  private markSilent(since: number, error: string): void {
    if (!this.started || this.silentSince !== undefined) return;
    this.silentSince = since;
    this.unreachableSince ??= since;
    this.lastError = error;
    this.logger?.warn({ environment: this.environment, error }, 'cluster API server does not answer; reporting it unreachable');
    this.emit({ cluster: true });
  }

  private answered(): void {
    if (!this.started || this.silentSince === undefined) return;
    this.logger?.info({ environment: this.environment, silentForMs: this.now() - this.silentSince }, 'cluster API server answers again; relisting every kind');
    this.silentSince = undefined;
    // The watches opened before the silence cannot be trusted: fresh informers list everything.
    // Until they have, the cluster stays "unreachable since" its silence (kindRecovered clears it).
    this.relisting = true;
    for (const watcher of this.watchers.values()) watcher.reconnect();
    this.emit({ cluster: true });
  }
}
