'use client';
// Follows a log stream route with EventSource: batches of entries as they are written, the
// browser's own reconnect (resuming from the last entry's time), and a "problem" event or a
// refused connection as a stopped state the viewer explains.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';

export type FollowStatus =
  | { status: 'connecting' }
  | { status: 'live' }
  | { status: 'reconnecting' }
  | { status: 'stopped'; message: string; hint?: string; retryable: boolean };

// The stream's `problem` event is a Failure whose details say what to do next (lib/logs/log-error-response.ts).
interface ProblemData {
  message?: unknown;
  details?: { hint?: unknown; retryable?: unknown };
}

/** The reason a follow was refused when it is the cap on live streams per person, else null. */
async function streamsAtLimit(): Promise<string | null> {
  try {
    const response = await fetch('/api/log-streams', { headers: { accept: 'application/json' }, cache: 'no-store' });
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : null;
  } catch {
    return null;
  }
}

/** `url` null: not following. `onEntries` may change between renders. */
export function useLogFollow(url: string | null, onEntries: (entries: LogEntry[]) => void): { state: FollowStatus | null; restart: () => void } {
  const onEntriesRef = useRef(onEntries);
  useEffect(() => {
    onEntriesRef.current = onEntries;
  }, [onEntries]);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; status: FollowStatus } | null>(null);
  const key = url ? `${attempt}:${url}` : null;

  useEffect(() => {
    if (!url || !key) return;
    const source = new EventSource(url);
    const set = (status: FollowStatus) => setState({ key, status });
    source.addEventListener('ready', () => set({ status: 'live' }));
    source.addEventListener('entries', (event) => {
      try {
        const entries = JSON.parse((event as MessageEvent<string>).data) as LogEntry[];
        if (Array.isArray(entries) && entries.length > 0) onEntriesRef.current(entries);
      } catch {
        // a malformed batch is skipped; the next one still arrives
      }
    });
    source.addEventListener('problem', (event) => {
      let data: ProblemData = {};
      try {
        data = JSON.parse((event as MessageEvent<string>).data) as ProblemData;
      } catch {
        // keep the generic message below
      }
      source.close();
      set({
        status: 'stopped',
        message: typeof data.message === 'string' ? data.message : 'Following the logs stopped.',
        hint: typeof data.details?.hint === 'string' ? data.details.hint : undefined,
        retryable: data.details?.retryable !== false,
      });
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser reconnects by itself (after `retry:`); CLOSED: it gave up (an HTTP error).
      if (source.readyState === EventSource.CLOSED) {
        set({ status: 'stopped', message: 'Berth refused or lost the live connection.', hint: 'Resume following; if it keeps stopping, reload the page.', retryable: true });
        // EventSource does not say why: a refusal may be the cap on live streams, which names what to close.
        void streamsAtLimit().then((message) => {
          if (message) set({ status: 'stopped', message, retryable: true });
        });
      } else {
        set({ status: 'reconnecting' });
      }
    });
    return () => source.close();
  }, [url, key]);

  const restart = useCallback(() => setAttempt((n) => n + 1), []);
  const current = key && state?.key === key ? state.status : key ? ({ status: 'connecting' } as const) : null;
  return { state: current, restart };
}
