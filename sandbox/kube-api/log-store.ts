// Container logs as the kubelet keeps them: one file per container instance (addressed by its
// containerID), the current and the previous instance kept per container, lines timestamped to the
// nanosecond. Followers get new lines until the instance stops.

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** Epoch milliseconds. */
  time: number;
  /** Sub-millisecond part of the timestamp, 0–999999 ns. */
  nanos: number;
  stream: LogStream;
  text: string;
}

export interface LogInstanceInfo {
  cluster: string;
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  containerId: string;
  labels: Record<string, string>;
  nodeName: string;
}

export interface LogInstance extends LogInstanceInfo {
  lines: LogLine[];
  ended: boolean;
}

export type LogFollower = (line: LogLine | null) => void;

/** Every line written anywhere in the cluster, with where it came from (Cloud Logging reads this). */
export type LogLineListener = (line: LogLine, source: LogInstanceInfo) => void;

export interface LogStoreOptions {
  /** Lines kept per container instance (oldest dropped first, like kubelet log rotation). Default 5,000. */
  maxLinesPerInstance?: number;
}

/** RFC 3339 with nanoseconds and trailing zeros trimmed, like Go's time.RFC3339Nano. */
export function formatLogTimestamp(line: Pick<LogLine, 'time' | 'nanos'>): string {
  const iso = new Date(line.time).toISOString(); // 2026-11-12T09:00:00.123Z
  const base = iso.slice(0, 19);
  const fraction = (iso.slice(20, 23) + String(line.nanos).padStart(6, '0')).replace(/0+$/, '');
  return fraction ? `${base}.${fraction}Z` : `${base}Z`;
}

export class LogStore {
  private readonly instances = new Map<string, LogInstance>();
  private readonly byContainer = new Map<string, string[]>();
  private readonly followers = new Map<string, Set<LogFollower>>();
  private readonly listeners = new Set<LogLineListener>();
  private readonly maxLines: number;

  constructor(options: LogStoreOptions = {}) {
    this.maxLines = options.maxLinesPerInstance ?? 5_000;
  }

  /** Opens the log of a new container instance; the instance before the previous one is dropped. */
  start(info: LogInstanceInfo): LogInstance {
    const instance: LogInstance = { ...info, lines: [], ended: false };
    this.instances.set(info.containerId, instance);
    const key = `${info.namespace}/${info.pod}/${info.container}`;
    const ids = this.byContainer.get(key) ?? [];
    ids.push(info.containerId);
    while (ids.length > 2) this.drop(ids.shift()!);
    this.byContainer.set(key, ids);
    return instance;
  }

  append(containerId: string, line: LogLine): void {
    const instance = this.instances.get(containerId);
    if (!instance || instance.ended) return;
    instance.lines.push(line);
    if (instance.lines.length > this.maxLines * 1.1) instance.lines.splice(0, instance.lines.length - this.maxLines);
    for (const follower of this.followers.get(containerId) ?? []) follower(line);
    for (const listener of this.listeners) listener(line, instance);
  }

  /** The instance stopped: followers are told (null) and released. */
  end(containerId: string): void {
    const instance = this.instances.get(containerId);
    if (!instance || instance.ended) return;
    instance.ended = true;
    const followers = this.followers.get(containerId);
    this.followers.delete(containerId);
    for (const follower of followers ?? []) follower(null);
  }

  get(containerId: string): LogInstance | undefined {
    return this.instances.get(containerId);
  }

  follow(containerId: string, follower: LogFollower): () => void {
    const instance = this.instances.get(containerId);
    if (!instance || instance.ended) {
      follower(null);
      return () => {};
    }
    let set = this.followers.get(containerId);
    if (!set) {
      set = new Set();
      this.followers.set(containerId, set);
    }
    set.add(follower);
    return () => set.delete(follower);
  }

  /** Forgets every instance of a pod's containers (the pod was deleted). */
  deletePod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const [key, ids] of [...this.byContainer]) {
      if (!key.startsWith(prefix)) continue;
      for (const id of ids) {
        this.end(id);
        this.drop(id);
      }
      this.byContainer.delete(key);
    }
  }

  onLine(listener: LogLineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every instance still held, for readers that search across pods (e.g. a Cloud Logging stand-in). */
  allInstances(): LogInstance[] {
    return [...this.instances.values()];
  }

  private drop(containerId: string): void {
    this.instances.delete(containerId);
    this.followers.delete(containerId);
  }
}
