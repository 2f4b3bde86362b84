// A log backend's failure as the answer of a log route: the status a client can act on, the
// source's own sentence, and what to do next. The viewer shows `message` and `hint` as they are.
import { jsonError } from '@/lib/http/json-error';
import type { LogSourceError, LogSourceErrorKind } from './log-source';

export interface LogErrorAnswer {
  status: 400 | 403 | 503 | 504;
  code: `logs-${LogSourceErrorKind}`;
  message: string;
  /** The next step, in plain words. */
  hint: string;
  /** Trying the same request again may work. */
  retryable: boolean;
  /** For 503: the Retry-After header. */
  retryAfterSeconds?: number;
}

const ANSWERS: Record<LogSourceErrorKind, Omit<LogErrorAnswer, 'message' | 'code'>> = {
  unavailable: {
    status: 503,
    hint: 'The log backend is down or unreachable. Retry in a minute; if it keeps failing, tell the platform team.',
    retryable: true,
    retryAfterSeconds: 30,
  },
  timeout: {
    status: 504,
    hint: 'The log backend was too slow. Retry, or pick a shorter time range or a narrower filter (a pod, a severity).',
    retryable: true,
  },
  'permission-denied': {
    status: 403,
    hint: 'This is Berth’s own access to the logs, not yours: tell the platform team. Retrying will not help.',
    retryable: false,
  },
  'invalid-query': {
    status: 400,
    hint: 'Change the filter (the pod may have been replaced, or the container has not restarted yet) and try again.',
    retryable: false,
  },
};

export function logErrorAnswer(error: LogSourceError): LogErrorAnswer {
  return { ...ANSWERS[error.kind], code: `logs-${error.kind}`, message: error.message };
}

/** The JSON error response for a LogSourceError (`details` carries kind, hint and retryable). */
export function logErrorResponse(error: LogSourceError, requestId?: string): Response {
  const answer = logErrorAnswer(error);
  const response = jsonError(answer.status, answer.code, answer.message, {
    requestId,
    details: { kind: error.kind, hint: answer.hint, retryable: answer.retryable },
  });
  if (answer.retryAfterSeconds) response.headers.set('retry-after', String(answer.retryAfterSeconds));
  return response;
}
