// What went wrong talking to a cluster's Kubernetes API, in words a person can act on.
import { ApiException } from '@kubernetes/client-node';
import type { LogQuery } from './log-entry';
import { abortReason, LogSourceError } from './log-source';

/** Each API call gets a deadline, and gives up as soon as the reader leaves. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  promise.catch(() => {}); // settled later than a deadline or an abort: nobody is waiting
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new LogSourceError('timeout', `The Kubernetes API did not answer within ${timeoutMs / 1000} seconds.`)),
          timeoutMs,
        );
        if (signal) {
          onAbort = () => reject(abortReason(signal));
          signal.addEventListener('abort', onAbort, { once: true });
        }
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * A pod that cannot give lines for a reason that is no fault: its container is still starting
 * ("is waiting to start: ContainerCreating"), or the pod was deleted after it was listed (404).
 * Image pull failures are waiting too, but they are a fault the reader must see: not these.
 */
export function unreadReason(error: unknown): { reason: 'starting' | 'gone'; detail: string } | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const detail = statusMessage(error) ?? '';
  if (error.code === 404) return { reason: 'gone', detail };
  if (error.code === 400 && /is waiting to start: (ContainerCreating|PodInitializing)/.test(detail)) return { reason: 'starting', detail };
  return undefined;
}

export function toLogSourceError(error: unknown, q: LogQuery): unknown {
  if (error instanceof LogSourceError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  const where = `cluster ${q.cluster}`;
  if (error instanceof ApiException) {
    const status = error.code;
    const detail = statusMessage(error);
    if (status === 401 || status === 403) {
      return new LogSourceError(
        'permission-denied',
        `Berth may not read pod logs in ${q.namespace} on ${where}${detail ? `: ${detail}` : ''}.`,
        { cause: error },
      );
    }
    if (status === 400 || status === 404 || status === 422) {
      return new LogSourceError('invalid-query', detail ? capitalize(detail) : `The Kubernetes API refused the log request (HTTP ${status}).`, {
        cause: error,
      });
    }
    if (status === 408 || status === 504) {
      return new LogSourceError('timeout', `The Kubernetes API of ${where} timed out reading the logs.`, { cause: error });
    }
    return new LogSourceError(
      'unavailable',
      `The Kubernetes API of ${where} could not be reached or failed (HTTP ${status})${detail ? `: ${detail}` : ''}.`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LogSourceError('unavailable', `The Kubernetes API of ${where} could not be reached: ${message}`, { cause: error });
}

function statusMessage(error: ApiException<unknown>): string | undefined {
  let body: unknown = error.body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return text.trim() || undefined;
    }
  }
  const message = (body as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
