// The status UI's shared values (browser side). The SSE stream writes into the same values, so
// every component reading a status stays current without polling.
import { dataOrThrow, fetchJson } from '@/components/data/fetch-json';
import { SharedFetch } from '@/components/data/shared-fetch';
import type { AppStatus, StatusSummary } from '@/lib/kube/app-status';

async function fetchAppStatus(app: string, environment: string): Promise<AppStatus> {
  return dataOrThrow(await fetchJson<AppStatus>(`/api/apps/${encodeURIComponent(app)}/status?env=${encodeURIComponent(environment)}`));
}

async function fetchStatusSummary(): Promise<StatusSummary> {
  return dataOrThrow(await fetchJson<StatusSummary>('/api/status/summary'));
}

/** Every app's health dots: one request for all cards, refreshed every few seconds. */
export const statusSummary = new SharedFetch(fetchStatusSummary, { pollMs: 10_000, staleMs: 5_000 });

// A newer status may already be here (from the stream) when a fetch answers: keep the newer.
const keepNewer = (current: AppStatus | undefined, next: AppStatus) =>
  current && Date.parse(current.generatedAt) > Date.parse(next.generatedAt) ? current : next;

const appStatuses = new Map<string, SharedFetch<AppStatus>>();

/** One app's status in one environment; polled only while its reader asks (the stream is down). */
export function appStatus(app: string, environment: string): SharedFetch<AppStatus> {
  const key = `${app}\n${environment}`;
  let store = appStatuses.get(key);
  if (!store) {
    store = new SharedFetch(() => fetchAppStatus(app, environment), { pollMs: 15_000, staleMs: 0, keep: keepNewer });
    appStatuses.set(key, store);
  }
  return store;
}

/** A status pushed by the stream, unless a newer one is already shown. */
export function receiveAppStatus(app: string, status: AppStatus): void {
  appStatus(app, status.environment).set((current) => keepNewer(current, status));
}
