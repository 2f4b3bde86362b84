// Identical follows share one upstream tail: ten people following the same app, environment and
// filter hold one connection per container to the cluster API (or one TailLogEntries call), not
// ten. A follower whose starting point the shared tail has covered joins it and first gets what it
// missed from a short buffer; one that asks for earlier lines gets a tail of its own. The shared
// tail starts afresh every `restartMs` from the last line it saw (Kubernetes follows only the
// pods that existed when a tail started) without its followers noticing.
import type { LogEntry, LogQuery } from './log-entry';
import type { LogPage, LogSource } from './log-source';

export interface SharedTailOptions {
  /** Start the upstream tail afresh this often (Kubernetes: new pods). Unset: never. */
  restartMs?: number;
  /** Entries kept for followers who join late (default 5,000). */
  bufferLines?: number;
  /** How long the outgoing and the incoming upstream tail overlap at a restart (default 2 s). */
  overlapMs?: number;
}

function pause(ms: number, signal: AbortSignal): Promise<'restart'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('restart'), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve('restart');
    }, { once: true });
  });
}

interface Follower {
  since: number;
  onEntry: (entry: LogEntry) => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

class SharedTail {
  readonly followers = new Set<Follower>();
  private readonly stop = new AbortController();
  private readonly buffer: LogEntry[] = [];
  private readonly seen = new Set<string>();
  /** Entries at or after this time (ms) are all in the buffer or were delivered live. */
  private completeFrom: number;
  private latest: string | undefined;
  ended = false;

  constructor(
    private readonly source: LogSource,
    private readonly query: LogQuery,
    private readonly options: SharedTailOptions,
    private readonly onEnd: () => void,
  ) {
    this.completeFrom = query.since?.getTime() ?? Date.now();
  }

  canServe(since: number | undefined): boolean {
    return !this.ended && (since === undefined || since >= this.completeFrom);
  }

  join(follower: Follower, replay: boolean): void {
    if (replay) for (const entry of this.buffer) if (Date.parse(entry.time) >= follower.since) follower.onEntry(entry);
    this.followers.add(follower);
  }

  leave(follower: Follower): void {
    this.followers.delete(follower);
    follower.resolve();
    if (this.followers.size === 0) this.finish();
  }

  async run(): Promise<void> {
    let since = this.query.since;
    const startedAt = new Date();
    let current = this.segment(since);
    while (!this.stop.signal.aborted) {
      const restart = this.options.restartMs ? pause(this.options.restartMs, this.stop.signal) : new Promise<'restart'>(() => {});
      const outcome = await Promise.race([current.done, restart]);
      if (this.stop.signal.aborted) break;
      if (outcome === 'restart') {
        // Make before break: the next tail runs before the current one stops (a source that does
        // not read back from `since`, like Cloud Logging's, would otherwise miss the lines between).
        since = this.latest ? new Date(Date.parse(this.latest)) : (since ?? startedAt);
        const next = this.segment(since);
        const previous = current;
        void pause(this.options.overlapMs ?? 2_000, this.stop.signal).then(() => previous.stop());
        current = next;
        continue;
      }
      // The tail ended by itself (every container stopped) or failed: the followers decide.
      return this.finish(outcome.error);
    }
    current.stop();
  }

  private segment(since: Date | undefined): { done: Promise<{ error?: unknown }>; stop: () => void } {
    const controller = new AbortController();
    const stopWithTail = () => controller.abort();
    this.stop.signal.addEventListener('abort', stopWithTail, { once: true });
    controller.signal.addEventListener('abort', () => this.stop.signal.removeEventListener('abort', stopWithTail), { once: true });
    const done = this.source.tail({ ...this.query, since }, (entry) => this.deliver(entry), controller.signal).then(
      () => ({}),
      (error: unknown) => (controller.signal.aborted ? {} : { error }),
    );
    // A segment stopped for a restart is not the end of the shared tail.
    return { done: done.then((result) => (controller.signal.aborted ? new Promise<never>(() => {}) : result)), stop: () => controller.abort() };
  }

  private deliver(entry: LogEntry): void {
    // A fresh upstream tail re-reads from the last line's millisecond: each line goes out once.
    if (this.seen.has(entry.insertId)) return;
    this.seen.add(entry.insertId);
    this.buffer.push(entry);
    const max = this.options.bufferLines ?? 5_000;
    while (this.buffer.length > max) {
      const dropped = this.buffer.shift()!;
      this.seen.delete(dropped.insertId);
      this.completeFrom = Math.max(this.completeFrom, Date.parse(dropped.time) + 1);
    }
    if (this.latest === undefined || entry.time > this.latest) this.latest = entry.time;
    const at = Date.parse(entry.time);
    for (const follower of this.followers) if (at >= follower.since) follower.onEntry(entry);
  }

  private finish(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.stop.abort();
    this.onEnd();
    for (const follower of this.followers) {
      if (error === undefined) follower.resolve();
      else follower.reject(error);
    }
    this.followers.clear();
  }
}

/** The key of a follow: everything that decides which lines it gets, except where it starts. */
export function followKey(q: LogQuery): string {
  return JSON.stringify([q.app, q.namespace, q.environment, q.cluster, [...(q.pods ?? [])].sort(), q.container ?? '', q.minSeverity ?? '', q.text?.trim().toLowerCase() ?? '', q.previous ?? false]);
}

export class SharedTails implements LogSource {
  private readonly tails = new Map<string, SharedTail>();

  constructor(
    private readonly source: LogSource,
    private readonly options: SharedTailOptions = {},
  ) {}

  query(q: LogQuery, signal?: AbortSignal): Promise<LogPage> {
    return this.source.query(q, signal);
  }

  /** Upstream tails running now (for tests and the readiness page). */
  get upstreams(): number {
    return this.tails.size;
  }

  tail(q: LogQuery, onEntry: (entry: LogEntry) => void, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    const key = followKey(q);
    let shared = this.tails.get(key);
    const since = q.since?.getTime();
    // Earlier lines than the shared tail holds: this follower reads on its own.
    if (shared && !shared.canServe(since)) return this.source.tail(q, onEntry, signal);
    if (!shared) {
      const created: SharedTail = new SharedTail(this.source, { ...q, until: undefined, pageToken: undefined, pageSize: undefined, order: undefined }, this.options, () => {
        if (this.tails.get(key) === created) this.tails.delete(key);
      });
      this.tails.set(key, created);
      shared = created;
      void created.run();
    }
    const tail = shared;
    return new Promise<void>((resolve, reject) => {
      // No starting point: what is written from now on — nothing from the buffer.
      const follower: Follower = { since: since ?? Number.NEGATIVE_INFINITY, onEntry, resolve, reject };
      tail.join(follower, since !== undefined);
      signal.addEventListener('abort', () => tail.leave(follower), { once: true });
    });
  }
}
