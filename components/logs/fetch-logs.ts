// The viewer's requests to the log routes (browser side). Failures keep the route's code, message
// and hint, so the error state can say what happened and whether retrying helps.
import { fetchJson } from '@/components/data/fetch-json';
import type { LogFailureDetails } from '@/lib/logs/log-error-response';
import type { LogEntry } from '@/lib/logs/log-entry';
import type { UnreadPod } from '@/lib/logs/log-source';
import { type Failure, ok, type Result } from '@/lib/result/result';

export interface LogPageResponse {
  entries: LogEntry[];
  nextPageToken: string | null;
  /** Pods left out: still starting, or gone. */
  unread: UnreadPod[];
}

/** A failed read of the logs: the route's code, message and (from the log backend) what to do next. */
export type LogPageFailure = Failure<Partial<LogFailureDetails>>;

export async function fetchLogPage(url: string, signal: AbortSignal): Promise<Result<LogPageResponse, Partial<LogFailureDetails>>> {
  const result = await fetchJson<Partial<LogPageResponse>, Partial<LogFailureDetails>>(url, { signal });
  if (!result.ok) return result;
  const body = result.data ?? {};
  return ok({
    entries: Array.isArray(body.entries) ? body.entries : [],
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : null,
    unread: Array.isArray(body.unread) ? body.unread : [],
  });
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
  let result: Result<unknown>;
  try {
    result = await fetchJson<unknown>(`/api/apps/${encodeURIComponent(app)}/status?env=${encodeURIComponent(env)}`, { signal });
  } catch {
    return null; // aborted
  }
  if (!result.ok) return null;
  const found = new Map<string, PodOption>();
  collectPods(result.data, found, 0);
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
