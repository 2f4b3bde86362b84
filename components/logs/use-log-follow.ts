'use client';
// Follows a log stream route: the state the viewer shows (connecting, live, reconnecting, stopped
// and why) and a restart. The EventSource side (follow-stream.ts) loads when following starts:
// most views never follow, and until it is in the state is "connecting".
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';

const loadFollowStream = () => import('./follow-stream');

export type FollowStatus =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'reconnecting' }
  | { status: 'stopped'; message: string; hint?: string; retryable: boolean };

/** `url` null: not following. `onEntries` may change between renders. */
export function useLogFollow(url: string | null, onEntries: (entries: LogEntry[]) => void): { state: FollowStatus | null; restart: () => void } {
  const onEntriesRef = useRef(onEntries);
  useEffect(() => {
    onEntriesRef.current = onEntries;
  }, [onEntries]);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; status: FollowStatus } | null>(null);
  const key = url ? `${attempt}:${url}` : null;

  // Fetched once the page is up, so "Follow live" connects without waiting for it.
  useEffect(() => {
    void loadFollowStream().catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!url || !key) return;
    let stopped = false;
    let close: (() => void) | undefined;
    const set = (status: FollowStatus) => {
      if (!stopped) setState({ key, status });
    };
    loadFollowStream().then(
      (module) => {
        if (!stopped) close = module.openFollowStream(url, { onStatus: set, onEntries: (entries) => onEntriesRef.current(entries) });
      },
      () => set({ status: 'stopped', message: 'The code that follows new lines could not be loaded.', hint: 'Check your connection, then reload the page.', retryable: false }),
    );
    return () => {
      stopped = true;
      close?.();
    };
  }, [url, key]);

  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  const current = key && state?.key === key ? state.status : key ? ({ status: 'connecting' } as const) : null;
  return { state: current, restart };
}
