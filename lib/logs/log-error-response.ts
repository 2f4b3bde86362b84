// A log backend's failure in Berth's result vocabulary: the code a client acts on, the source's
// own sentence, and in `details` what kind of failure it was and what to do next. The viewer
// shows `message` and `details.hint` as they are.
import { failureResponse } from '@/lib/http/respond';
import type { ErrorCode, Failure } from '@/lib/result/result';
import { withoutAddresses } from '@/lib/text/without-addresses';
import type { LogSourceError, LogSourceErrorKind } from './log-source';

export interface LogFailureDetails {
  /** What failed: the backend's kind of failure, or `internal` when Berth itself failed. */
  kind: LogSourceErrorKind | 'internal';
  /** The next step, in plain words. */
  hint: string;
  /** Trying the same request again may work. */
  retryable: boolean;
}

export type LogFailure = Failure<LogFailureDetails>;

const ANSWERS: Record<LogSourceErrorKind, { code: ErrorCode; hint: string; retryable: boolean; retryAfterSeconds?: number }> = {
  unavailable: {
    code: 'unavailable',
    hint: 'The log backend is down or unreachable. Retry in a minute; if it keeps failing, tell the platform team.',
    retryable: true,
    retryAfterSeconds: 30,
  },
  timeout: {
    code: 'unavailable',
    hint: 'The log backend was too slow. Retry, or pick a shorter time range or a narrower filter (a pod, a severity).',
    retryable: true,
  },
  // Berth's own access, not the reader's: the reader is not refused, Berth cannot serve.
  'permission-denied': {
    code: 'unavailable',
    hint: 'This is Berth’s own access to the logs, not yours: tell the platform team. Retrying will not help.',
    retryable: false,
  },
  'invalid-query': {
    code: 'invalid',
    hint: 'Change the filter (the pod may have been replaced, or the container has not restarted yet) and try again.',
    retryable: false,
  },
};

export function logFailure(error: LogSourceError): LogFailure {
  const { code, hint, retryable } = ANSWERS[error.kind];
  // The backend's own words, without the address of the API server or log backend that failed.
  return { code, message: withoutAddresses(error.message), details: { kind: error.kind, hint, retryable } };
}

/** When following fails on Berth's side rather than the backend's. */
export const INTERNAL_LOG_FAILURE: LogFailure = {
  code: 'internal',
  message: 'Following the logs failed on Berth’s side.',
  details: { kind: 'internal', hint: 'Reload the page; if it keeps failing, tell the platform team.', retryable: true },
};

/** The JSON error answer for a LogSourceError, with Retry-After when the backend is down. */
export function logErrorResponse(error: LogSourceError, requestId?: string): Response {
  const response = failureResponse(logFailure(error), requestId);
  const { retryAfterSeconds } = ANSWERS[error.kind];
  if (retryAfterSeconds) response.headers.set('retry-after', String(retryAfterSeconds));
  return response;
}
