// One value fetched from Berth's API and shared by every component that reads it. It is fetched
// when the first reader mounts, again every `pollMs` while a reader asks for polling and the tab is
// visible, when the tab comes back after `staleMs`, whenever `refresh()` is called, and it can be
// set directly (the status stream does). This is all of a data-fetching library Berth's header and
// status pages need, and leaving that library out keeps every page's first load within budget
// (README, Performance).
import { useEffect, useSyncExternalStore } from 'react';

export interface SharedValue<T> {
  data: T | undefined;
  /** The last fetch's error, cleared by the next success; `data` keeps the last good value. */
  error: Error | undefined;
}

export interface SharedFetchOptions<T> {
  pollMs: number;
  /** A reader mounting or the tab coming back refetches a value older than this. */
  staleMs: number;
  /** Which value to keep when a fetch answers (default: the fetched one). */
  keep?: (current: T | undefined, fetched: T) => T;
}

export class SharedFetch<T> {
  private snapshot: SharedValue<T> = { data: undefined, error: undefined };
  private readonly listeners = new Set<() => void>();
  private inflight: Promise<void> | null = null;
  private fetchedAt = 0;
  private readers = 0;
  private pollers = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly fetcher: () => Promise<T>,
    private readonly options: SharedFetchOptions<T>,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): SharedValue<T> => this.snapshot;

  /** Fetches now; concurrent calls share one request. */
  refresh(): Promise<void> {
    this.inflight ??= this.fetcher()
      .then(
        (fetched) => this.publish({ data: this.options.keep ? this.options.keep(this.snapshot.data, fetched) : fetched, error: undefined }),
        (error: unknown) => this.publish({ data: this.snapshot.data, error: error instanceof Error ? error : new Error(String(error)) }),
      )
      .finally(() => {
        this.fetchedAt = Date.now();
        this.inflight = null;
      });
    return this.inflight;
  }

  /** Replaces the value from elsewhere (a pushed update); `update` sees the current one. */
  set(update: (current: T | undefined) => T): void {
    this.fetchedAt = Date.now();
    this.publish({ data: update(this.snapshot.data), error: undefined });
  }

  /**
   * A reader arrived; returns its goodbye. Polling runs while any reader asks for it. `initial` (a
   * value the server rendered the page with) counts as a fresh fetch when nothing was fetched yet.
   */
  addReader(poll: boolean, initial?: T): () => void {
    if (initial !== undefined && this.fetchedAt === 0 && this.snapshot.data === undefined) {
      this.fetchedAt = Date.now();
      this.snapshot = { data: initial, error: undefined };
    }
    this.readers += 1;
    if (poll) this.pollers += 1;
    if (this.readers === 1 && typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
    this.refreshIfStale();
    this.schedule();
    return () => {
      this.readers -= 1;
      if (poll) this.pollers -= 1;
      if (this.readers === 0 && typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
      this.schedule();
    };
  }

  private refreshIfStale(): void {
    if (Date.now() - this.fetchedAt >= this.options.staleMs) void this.refresh();
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') this.refreshIfStale();
    this.schedule();
  };

  private schedule(): void {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    const wanted = this.pollers > 0 && !hidden;
    if (wanted && this.timer === undefined) this.timer = setInterval(() => void this.refresh(), this.options.pollMs);
    if (!wanted && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private publish(next: SharedValue<T>): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Reads a shared value, fetching it as described above. `poll: false` reads without polling;
 * `initial` is what the server rendered, shown until the first fetch and counted as fresh.
 */
export function useSharedFetch<T>(store: SharedFetch<T>, { poll = true, initial }: { poll?: boolean; initial?: T } = {}): SharedValue<T> {
  const value = useSyncExternalStore(store.subscribe, store.get, store.get);
  // `initial` matters only for the first reader: it is left out of the dependencies on purpose.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => store.addReader(poll, initial), [store, poll]);
  return value.data === undefined && initial !== undefined ? { data: initial, error: value.error } : value;
}
