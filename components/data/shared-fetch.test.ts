import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedFetch } from './shared-fetch';

/** A source that answers 1, 2, 3… and can be told to fail; it counts the requests it got. */
function counter() {
  const source = { requests: 0, fail: false };
  const fetcher = async () => {
    source.requests += 1;
    if (source.fail) throw new Error('backend down');
    return source.requests;
  };
  return { source, fetcher };
}

describe('SharedFetch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one request between concurrent refreshes and tells every subscriber', async () => {
    const { source, fetcher } = counter();
    const store = new SharedFetch(fetcher, { pollMs: 1_000, staleMs: 0 });
    const seen: (number | undefined)[] = [];
    store.subscribe(() => seen.push(store.get().data));
    await Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    expect(source.requests).toBe(1);
    expect(store.get()).toEqual({ data: 1, error: undefined });
    expect(seen).toEqual([1]);
  });

  it('keeps the last good value beside the error when a fetch fails, and clears the error after', async () => {
    const { source, fetcher } = counter();
    const store = new SharedFetch(fetcher, { pollMs: 1_000, staleMs: 0 });
    await store.refresh();
    source.fail = true;
    await store.refresh();
    expect(store.get().data).toBe(1);
    expect(store.get().error?.message).toBe('backend down');
    source.fail = false;
    await store.refresh();
    expect(store.get()).toEqual({ data: 3, error: undefined });
  });

  it('polls only while a reader asks for it, and stops when the last one leaves', async () => {
    const { source, fetcher } = counter();
    const store = new SharedFetch(fetcher, { pollMs: 1_000, staleMs: 60_000 });
    const quiet = store.addReader(false);
    expect(source.requests).toBe(1); // the first reader fetches
    await vi.advanceTimersByTimeAsync(5_000);
    expect(source.requests).toBe(1); // nobody asked for polling

    const polling = store.addReader(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(source.requests).toBe(4);
    polling();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(source.requests).toBe(4);
    quiet();
  });

  it('counts a server-rendered value as fresh, so mounting does not fetch it again', async () => {
    const { source, fetcher } = counter();
    const store = new SharedFetch(fetcher, { pollMs: 60_000, staleMs: 10_000 });
    const leave = store.addReader(true, 7);
    expect(store.get().data).toBe(7);
    expect(source.requests).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(source.requests).toBe(1);
    expect(store.get().data).toBe(1);
    leave();
  });

  it('lets a pushed value win over an older fetched one when told which to keep', async () => {
    let answer = { at: 1, text: 'fetched' };
    const store = new SharedFetch(async () => answer, { pollMs: 1_000, staleMs: 0, keep: (current, fetched) => (current && current.at > fetched.at ? current : fetched) });
    store.set(() => ({ at: 5, text: 'pushed' }));
    await store.refresh();
    expect(store.get().data).toEqual({ at: 5, text: 'pushed' });
    answer = { at: 9, text: 'newer fetch' };
    await store.refresh();
    expect(store.get().data).toEqual({ at: 9, text: 'newer fetch' });
  });
});
