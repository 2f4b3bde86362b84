// Query keys and fetchers of the status UI (browser side). The SSE stream writes into the same
// query keys, so every component reading a status stays current without polling.
import type { AppStatus, StatusSummary } from '@/lib/kube/app-status';

export const statusQueryKey = (app: string, environment: string) => ['app-status', app, environment] as const;
export const STATUS_SUMMARY_KEY = ['status-summary'] as const;

export class StatusFetchError extends Error {}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new StatusFetchError(message);
  }
  return (await response.json()) as T;
}

export function fetchAppStatus(app: string, environment: string): Promise<AppStatus> {
  return getJson<AppStatus>(`/api/apps/${encodeURIComponent(app)}/status?env=${encodeURIComponent(environment)}`);
}

export function fetchStatusSummary(): Promise<StatusSummary> {
  return getJson<StatusSummary>('/api/status/summary');
}
