// The EventSource side of following a log stream route: batches of entries as they are written, the
// browser's own reconnect (resuming from the last entry's time), and a "problem" event or a
// refused connection as a stopped state the viewer explains. Loaded when following starts.
import type { LogEntry } from '@/lib/logs/log-entry';
import type { FollowStatus } from './use-log-follow';

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

/** Opens the stream; returns its close. */
export function openFollowStream(url: string, handlers: { onStatus: (status: FollowStatus) => void; onEntries: (entries: LogEntry[]) => void }): () => void {
  const source = new EventSource(url);
  const set = handlers.onStatus;
  source.addEventListener('ready', () => set({ status: 'live' }));
  source.addEventListener('entries', (event) => {
    try {
      const entries = JSON.parse((event as MessageEvent<string>).data) as LogEntry[];
      if (Array.isArray(entries) && entries.length > 0) handlers.onEntries(entries);
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
}
