// One cluster's objects in memory, the way etcd + the watch cache present them to API clients:
// a single resourceVersion counter for every write, no-op writes leave the version alone, and a
// bounded history of changes lets watches resume from a version until it falls out of the window.
import { alreadyExists, notFound, tooOldResourceVersion } from './api-errors';
import type { Clock } from './clock';
import { clone, formatTime, type KubeObject } from './kube-types';
import type { Random } from './random';
import { apiVersionOf, RESOURCE_NAMES, RESOURCES, type ResourceName } from './resources';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: ChangeType;
  resource: ResourceName;
  /** The object as of this change (for DELETED: its last state, stamped with the deletion's version). */
  object: KubeObject;
  /** The object before this change (MODIFIED, DELETED). */
  previous?: KubeObject;
  resourceVersion: number;
}

export type StoreListener = (change: StoreChange) => void;

export interface ClusterStoreOptions {
  cluster: string;
  clock: Clock;
  random: Random;
  /** Changes kept for watches and exact lists; older versions answer 410 Expired. Default 5,000. */
  historyLimit?: number;
  /** First resourceVersion handed out. Default 1000. */
  initialResourceVersion?: number;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function withoutVersion(object: KubeObject): string {
  return JSON.stringify({ ...object, metadata: { ...object.metadata, resourceVersion: undefined } });
}

/**
 * Objects handed out by the store are shared and must be treated as read-only; write through
 * `create`, `update`, `mutate` or `delete`.
 */
export class ClusterStore {
  readonly cluster: string;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly historyLimit: number;
  private version: number;
  private compacted: number;
  private readonly objects = new Map<ResourceName, Map<string, KubeObject>>();
  /** Keys in etcd order, per resource; dropped when an object is created or deleted. */
  private readonly sortedKeys = new Map<ResourceName, string[]>();
  private readonly history: StoreChange[] = [];
  private readonly listeners = new Set<StoreListener>();
  private readonly pending: StoreChange[] = [];
  private dispatching = false;

  constructor(options: ClusterStoreOptions) {
    this.cluster = options.cluster;
    this.clock = options.clock;
    this.random = options.random;
    this.historyLimit = options.historyLimit ?? 5000;
    this.version = options.initialResourceVersion ?? 1000;
    this.compacted = this.version;
    for (const name of RESOURCE_NAMES) this.objects.set(name, new Map());
  }

  /** The newest resourceVersion (what a LIST reports in metadata.resourceVersion). */
  get resourceVersion(): number {
    return this.version;
  }

  /** Versions at or above this one can still be watched from; lower ones are Expired. */
  get oldestResourceVersion(): number {
    return this.compacted;
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)!.get(keyOf(RESOURCES[resource].namespaced ? namespace : undefined, name));
  }

  /** Current objects, in etcd key order (namespace, then name). */
  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const map = this.objects.get(resource)!;
    let keys = this.sortedKeys.get(resource);
    if (!keys) {
      keys = [...map.keys()].sort(compareKeys);
      this.sortedKeys.set(resource, keys);
    }
    const out: KubeObject[] = [];
    for (const key of keys) {
      const object = map.get(key)!;
      if (namespace && object.metadata.namespace !== namespace) continue;
      out.push(object);
    }
    return out;
  }

  /** The objects as they were at `resourceVersion`, rebuilt from the history; throws 410 when compacted. */
  listAt(resource: ResourceName, resourceVersion: number, namespace?: string): KubeObject[] {
    if (resourceVersion < this.compacted) throw tooOldResourceVersion(resourceVersion, this.compacted + 1);
    if (resourceVersion >= this.version) return this.list(resource, namespace);
    const snapshot = new Map(this.objects.get(resource)!);
    for (let i = this.history.length - 1; i >= 0; i--) {
      const change = this.history[i];
      if (change.resourceVersion <= resourceVersion) break;
      if (change.resource !== resource) continue;
      const key = keyOf(change.object.metadata.namespace, change.object.metadata.name);
      if (change.type === 'ADDED') snapshot.delete(key);
      else snapshot.set(key, change.previous!);
    }
    return [...snapshot.keys()]
      .sort(compareKeys)
      .map((key) => snapshot.get(key)!)
      .filter((o) => !namespace || o.metadata.namespace === namespace);
  }

  /** Changes newer than `resourceVersion`; throws 410 Expired when some of them are no longer kept. */
  changesSince(resourceVersion: number): StoreChange[] {
    if (resourceVersion < this.compacted) throw tooOldResourceVersion(resourceVersion, this.compacted + 1);
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].resourceVersion <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  create<T extends KubeObject>(resource: ResourceName, input: T): T {
    const definition = RESOURCES[resource];
    const object = clone(input);
    const namespace = definition.namespaced ? object.metadata.namespace : undefined;
    if (definition.namespaced && !namespace) throw new Error(`${resource} need a namespace`);
    const key = keyOf(namespace, object.metadata.name);
    const map = this.objects.get(resource)!;
    if (map.has(key)) throw alreadyExists(definition, object.metadata.name);
    const version = this.version + 1;
    const { resourceVersion: _ignored, ...meta } = object.metadata;
    object.metadata = {
      ...meta,
      uid: meta.uid ?? this.random.uuid(),
      resourceVersion: String(version),
      creationTimestamp: meta.creationTimestamp ?? formatTime(this.clock.now()),
    };
    if (definition.hasGeneration) object.metadata.generation = 1;
    const stored = { apiVersion: apiVersionOf(definition), kind: definition.kind, ...object } as T;
    map.set(key, stored);
    this.sortedKeys.delete(resource);
    this.record({ type: 'ADDED', resource, object: stored, resourceVersion: version });
    return stored;
  }

  /**
   * Replaces an object. Identity fields (uid, creationTimestamp) are kept; metadata.generation
   * moves when spec changes; an update that changes nothing is not a change.
   */
  update<T extends KubeObject>(resource: ResourceName, input: T): T {
    const definition = RESOURCES[resource];
    const namespace = definition.namespaced ? input.metadata.namespace : undefined;
    const key = keyOf(namespace, input.metadata.name);
    const map = this.objects.get(resource)!;
    const previous = map.get(key);
    if (!previous) throw notFound(definition, input.metadata.name);
    const object = clone(input);
    object.metadata = {
      ...object.metadata,
      uid: previous.metadata.uid,
      creationTimestamp: previous.metadata.creationTimestamp,
      resourceVersion: previous.metadata.resourceVersion,
    };
    if (definition.hasGeneration) {
      const specChanged = JSON.stringify(object.spec) !== JSON.stringify(previous.spec);
      object.metadata.generation = (previous.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    const stored = { ...object, apiVersion: apiVersionOf(definition), kind: definition.kind } as T;
    if (withoutVersion(stored) === withoutVersion(previous)) return previous as T;
    const version = this.version + 1;
    stored.metadata.resourceVersion = String(version);
    map.set(key, stored);
    this.record({ type: 'MODIFIED', resource, object: stored, previous, resourceVersion: version });
    return stored;
  }

  /** Reads, clones, lets `change` edit the copy, and writes it back. Returns undefined if absent. */
  mutate<T extends KubeObject>(resource: ResourceName, namespace: string | undefined, name: string, change: (draft: T) => void): T | undefined {
    const current = this.get(resource, namespace, name) as T | undefined;
    if (!current) return undefined;
    const draft = clone(current);
    change(draft);
    return this.update(resource, draft);
  }

  delete(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    const definition = RESOURCES[resource];
    const key = keyOf(definition.namespaced ? namespace : undefined, name);
    const map = this.objects.get(resource)!;
    const previous = map.get(key);
    if (!previous) return undefined;
    map.delete(key);
    this.sortedKeys.delete(resource);
    const version = this.version + 1;
    const object = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(version) } };
    this.record({ type: 'DELETED', resource, object, previous, resourceVersion: version });
    return object;
  }

  /** Number of stored objects per resource (for diagnostics and benchmarks). */
  counts(): Record<ResourceName, number> {
    const out = {} as Record<ResourceName, number>;
    for (const name of RESOURCE_NAMES) out[name] = this.objects.get(name)!.size;
    return out;
  }

  private record(change: StoreChange): void {
    this.version = change.resourceVersion;
    this.history.push(change);
    while (this.history.length > this.historyLimit) {
      const dropped = this.history.shift()!;
      this.compacted = dropped.resourceVersion;
    }
    // A listener may write while being told about a change (a controller reacting). Its changes
    // queue up behind the current one so every listener sees versions in increasing order.
    this.pending.push(change);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        for (const listener of [...this.listeners]) {
          try {
            listener(next);
          } catch (error) {
            console.error(`[kube-api ${this.cluster}] store listener failed`, error);
          }
        }
      }
    } finally {
      this.dispatching = false;
      this.pending.length = 0;
    }
  }
}
