// The one interface the logs page reads through, whichever backend holds the logs.
import type { LogEntry, LogQuery } from './log-entry';

/** A pod whose lines are not in the answer, and why (still starting, or gone since it was listed). */
export interface UnreadPod {
  pod: string;
  container: string;
  reason: 'starting' | 'gone';
  /** The API's own words ("… is waiting to start: ContainerCreating"). */
  detail: string;
}

export interface LogPage {
  entries: LogEntry[];
  /** Present when more entries match; pass it back as `pageToken` with the same query. */
  nextPageToken?: string;
  /** Pods left out because they have no lines to give yet (starting) or any more (gone). */
  unread?: UnreadPod[];
}

export interface LogSource {
  /** One page of entries, in `q.order` (newest first by default). */
  query(q: LogQuery, signal?: AbortSignal): Promise<LogPage>;
  /**
   * Entries as they are written, until the stream ends or `signal` aborts (then it resolves).
   * `q.until`, `q.pageToken`, `q.pageSize` and `q.order` do not apply.
   */
  tail(q: LogQuery, onEntry: (entry: LogEntry) => void, signal: AbortSignal): Promise<void>;
}

export type LogSourceErrorKind = 'unavailable' | 'timeout' | 'permission-denied' | 'invalid-query';

/** A failure the logs page can show as it is: `message` is in plain words, `kind` picks the advice. */
export class LogSourceError extends Error {
  readonly kind: LogSourceErrorKind;

  constructor(kind: LogSourceErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogSourceError';
    this.kind = kind;
  }
}

export function isLogSourceError(error: unknown): error is LogSourceError {
  return error instanceof LogSourceError;
}

/** The reason an aborted operation rejects with (the signal's own reason when it has one). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
