// What a failed read of the logs lets the reader do next: the backend's hint, whether retrying
// helps, and break-glass when the refusal can be lifted. Only the error state uses it, and that
// loads when a read fails (log-states.tsx), not with the viewer.
import type { LogPageFailure } from './fetch-logs';

/** The next step for a failed read: the backend's own hint, or one that follows from the code. */
export function hintFor(failure: LogPageFailure): string | undefined {
  if (typeof failure.details?.hint === 'string') return failure.details.hint;
  if (failure.code === 'unauthenticated') return 'Sign in again, then retry.';
  if (failure.code === 'unavailable') return 'Retry when Berth can be reached again.';
  return undefined;
}

export function isRetryable(failure: LogPageFailure): boolean {
  return failure.details?.retryable ?? (failure.code === 'unavailable' || failure.code === 'internal');
}

/** A refusal the reader may lift by breaking glass (production logs of another team's app). */
export interface BreakGlassOffer {
  app: string;
  environment: string;
  durations: number[];
}

export function breakGlassOffer(failure: LogPageFailure): BreakGlassOffer | undefined {
  const { canBreakGlass, app, environment, durations } = (failure.details ?? {}) as Record<string, unknown>;
  if (failure.code !== 'forbidden' || canBreakGlass !== true || typeof app !== 'string' || typeof environment !== 'string' || !Array.isArray(durations)) return undefined;
  return { app, environment, durations: durations.filter((d): d is number => typeof d === 'number') };
}
