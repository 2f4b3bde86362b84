// The viewer's requests to the log routes (browser side). Errors keep the route's code, message
// and hint, so the error state can say what happened and whether retrying helps.
import type { LogEntry } from '@/lib/logs/log-entry';

export interface LogPageResponse {
  entries: LogEntry[];
  nextPageToken: string | null;
}

export class LogFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string | undefined,
    readonly retryable: boolean,
    /** A 403 the reader may lift by breaking glass (production logs of another team's app). */
    readonly breakGlass?: BreakGlassOffer,
  ) {
    super(message);
    this.name = 'LogFetchError';
  }
}

export interface BreakGlassOffer {
  app: string;
  environment: string;
  durations: number[];
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: { hint?: unknown; retryable?: unknown } | unknown };
}

export async function fetchLogPage(url: string, signal: AbortSignal): Promise<LogPageResponse> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new LogFetchError(0, 'offline', 'Berth could not be reached: check your connection.', 'Retry when you are back online.', true);
  }
  if (!response.ok) throw await toFetchError(response);
  const body = (await response.json()) as Partial<LogPageResponse>;
  return { entries: Array.isArray(body.entries) ? body.entries : [], nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : null };
}

async function toFetchError(response: Response): Promise<LogFetchError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page): fall back to the status
  }
  const error = body.error ?? {};
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as Record<string, unknown>;
  const code = typeof error.code === 'string' ? error.code : `http-${response.status}`;
  const message = typeof error.message === 'string' ? error.message : `Berth answered HTTP ${response.status}.`;
  const hint = typeof details.hint === 'string' ? details.hint : response.status === 401 ? 'Sign in again, then retry.' : undefined;
  const retryable = typeof details.retryable === 'boolean' ? details.retryable : response.status >= 500;
  return new LogFetchError(response.status, code, message, hint, retryable, breakGlassOffer(details));
}

function breakGlassOffer(details: Record<string, unknown>): BreakGlassOffer | undefined {
  const { canBreakGlass, app, environment, durations } = details;
  if (canBreakGlass !== true || typeof app !== 'string' || typeof environment !== 'string' || !Array.isArray(durations)) return undefined;
  return { app, environment, durations: durations.filter((d): d is number => typeof d === 'number') };
}

/** Pods (and their containers) of the app, from the status API when it exists. */
export interface PodOption {
  name: string;
  containers: { name: string; restarts?: number }[];
}

/**
 * Pods from `/api/apps/<app>/status?env=`: any array called `pods` whose items have a `name`
 * (with `containers` named too, and `restartCount`/`restarts` when given). Null when the route
 * does not exist or fails: the viewer then offers the pods its lines came from.
 */
export async function fetchStatusPods(app: string, env: string, signal: AbortSignal): Promise<PodOption[] | null> {
  let response: Response;
  try {
    response = await fetch(`/api/apps/${encodeURIComponent(app)}/status?env=${encodeURIComponent(env)}`, { headers: { accept: 'application/json' }, signal });
  } catch {
    return null;
  }
  if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) return null;
  const found = new Map<string, PodOption>();
  collectPods(await response.json().catch(() => null), found, 0);
  return found.size > 0 ? [...found.values()].sort((a, b) => a.name.localeCompare(b.name)) : null;
}

function collectPods(value: unknown, found: Map<string, PodOption>, depth: number): void {
  if (depth > 6 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectPods(item, found, depth + 1);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === 'pods' && Array.isArray(child)) {
      for (const pod of child) {
        const name = (pod as { name?: unknown } | null)?.name;
        if (typeof name !== 'string') continue;
        const containers = (pod as { containers?: unknown }).containers;
        found.set(name, {
          name,
          containers: Array.isArray(containers)
            ? containers.flatMap((c: unknown) => {
                const record = (c ?? {}) as { name?: unknown; restartCount?: unknown; restarts?: unknown };
                if (typeof record.name !== 'string') return [];
                const restarts = typeof record.restartCount === 'number' ? record.restartCount : typeof record.restarts === 'number' ? record.restarts : undefined;
                return [{ name: record.name, restarts }];
              })
            : [],
        });
      }
    } else {
      collectPods(child, found, depth + 1);
    }
  }
}
