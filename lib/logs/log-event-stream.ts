// Following a log query as Server-Sent Events: new entries in small batches (`event: entries`,
// `id:` = the last entry's time, so a reconnecting EventSource resumes where it stopped), a comment
// line as heartbeat (proxies close idle connections), and a failure as `event: problem` before the
// stream closes. A tail that ends by itself (every container stopped: a crash, a rollout) is
// started again after a pause, from the last entry seen.
import type { LogEntry, LogQuery } from './log-entry';
import { INTERNAL_LOG_FAILURE, type LogFailure, logFailure } from './log-error-response';
import { isLogSourceError, type LogSource } from './log-source';
import { sleep } from '@/lib/lifecycle/sleep';

export interface LogEventStreamOptions {
  source: LogSource;
  /** `since`: where to start (absent: lines written from now on). */
  query: LogQuery;
  /** The request's signal: the stream ends when the client goes. */
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Entries arriving within this time go out as one event. */
  batchMs?: number;
  /** The `retry:` an EventSource waits before reconnecting. */
  retryMs?: number;
  /** Pause before following again after the tail ended by itself. */
  restartDelayMs?: number;
  /** Start a fresh tail this often (Kubernetes: picks up pods created since). Unset: never. */
  segmentMs?: number;
  /** Unexpected (non-LogSourceError) failures, for the server log. */
  onUnexpectedError?: (error: unknown) => void;
  /** Once, when the stream ends: how many entries went out, and whether the client left or a problem ended it. */
  onClose?: (summary: { entries: number; ended: 'client-left' | 'problem' }) => void;
}

/** The stream's `problem` event: why following stopped, in the result vocabulary. */
export type LogProblemEvent = LogFailure;

const MAX_BATCH = 500;

export function logEventStream(options: LogEventStreamOptions): ReadableStream<Uint8Array> {
  const { source, query } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const batchMs = options.batchMs ?? 250;
  const retryMs = options.retryMs ?? 3_000;
  const restartDelayMs = options.restartDelayMs ?? 2_000;
  const encoder = new TextEncoder();
  const stop = new AbortController();
  const onClientGone = () => stop.abort();

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sent = 0;
      let ended: 'client-left' | 'problem' = 'client-left';
      let batch: LogEntry[] = [];
      let batchTimer: ReturnType<typeof setTimeout> | undefined;

      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop.abort(); // the consumer is gone
        }
      };
      const flush = () => {
        clearTimeout(batchTimer);
        batchTimer = undefined;
        while (batch.length > 0) {
          const chunk = batch.slice(0, MAX_BATCH);
          batch = batch.slice(MAX_BATCH);
          send(`id: ${chunk[chunk.length - 1].time}\nevent: entries\ndata: ${JSON.stringify(chunk)}\n\n`);
          if (!closed) sent += chunk.length;
        }
      };
      const close = () => {
        if (closed) return;
        flush();
        closed = true;
        clearInterval(heartbeat);
        options.onClose?.({ entries: sent, ended });
        options.signal.removeEventListener('abort', onClientGone);
        try {
          controller.close();
        } catch {
          // already cancelled by the consumer
        }
      };

      if (options.signal.aborted) stop.abort();
      else options.signal.addEventListener('abort', onClientGone, { once: true });
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      send(`retry: ${retryMs}\n: following ${query.app} in ${query.environment}\n\n`);
      send(`event: ready\ndata: ${JSON.stringify({ since: query.since?.toISOString() ?? null })}\n\n`);

      const follow = async () => {
        let since = query.since;
        let latest: string | undefined;
        while (!stop.signal.aborted) {
          const startedAt = new Date();
          const segment = new AbortController();
          const endSegment = () => segment.abort();
          stop.signal.addEventListener('abort', endSegment, { once: true });
          const segmentTimer = options.segmentMs ? setTimeout(endSegment, options.segmentMs) : undefined;
          try {
            await source.tail(
              { ...query, since },
              (entry) => {
                batch.push(entry);
                if (latest === undefined || entry.time > latest) latest = entry.time;
                if (batch.length >= MAX_BATCH) flush();
                else batchTimer ??= setTimeout(flush, batchMs);
              },
              segment.signal,
            );
          } catch (error) {
            if (stop.signal.aborted) break;
            const problem: LogProblemEvent = isLogSourceError(error) ? logFailure(error) : INTERNAL_LOG_FAILURE;
            if (!isLogSourceError(error)) options.onUnexpectedError?.(error);
            flush();
            send(`event: problem\ndata: ${JSON.stringify(problem)}\n\n`);
            ended = 'problem';
            break;
          } finally {
            clearTimeout(segmentTimer);
            stop.signal.removeEventListener('abort', endSegment);
          }
          flush();
          // Next time from the last entry seen (its millisecond: the viewer drops the repeats).
          since = latest ? new Date(Date.parse(latest)) : (since ?? startedAt);
          if (!segment.signal.aborted) await sleep(restartDelayMs, stop.signal);
        }
        close();
      };
      void follow();
    },
    cancel() {
      stop.abort();
    },
  });
}

/** The response headers of an event stream (no-transform keeps compression from buffering it). */
export const EVENT_STREAM_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  // Log lines may hold PHI: never kept by a browser or a proxy.
  'cache-control': 'no-store, no-transform',
  'x-accel-buffering': 'no',
};
