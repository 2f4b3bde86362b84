import 'server-only';
// The status history Berth keeps: every few minutes the verdict of each app in each environment,
// read from the informer caches (no API call), is written to app_status_samples. Readiness asks
// it whether stage was healthy over the last day, and says how much of the day it covers — a
// history that starts an hour ago is reported as an hour, never as a day.
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { BerthDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import type { HealthVerdict } from './app-status';
import { clusterOf, NO_OBJECTS } from './get-app-status';
import { getKubeRuntime, type KubeRuntime } from './kube-runtime';
import { summarizeAppStatus } from './summarize-app-status';

export const SAMPLE_EVERY_MS = 5 * 60_000;
/** Samples older than this are removed as new ones are written. */
export const KEEP_SAMPLES_MS = 8 * 24 * 60 * 60_000;

export interface StatusSample {
  verdict: HealthVerdict;
  sampledAt: string;
}

export interface SampleDeps {
  runtime?: KubeRuntime;
  repo?: ConfigRepo;
  now?: () => number;
}

/** Writes one sample per app and environment whose cluster cache has synced; returns how many. */
export async function sampleAppStatuses(db: BerthDb, deps: SampleDeps = {}): Promise<number> {
  const runtime = deps.runtime ?? getKubeRuntime();
  const catalog = await loadCatalog(deps.repo ?? getConfigRepo());
  const now = (deps.now ?? Date.now)();
  const sampledAt = new Date(now).toISOString();
  const rows: { app: string; environment: string; verdict: string; sampled_at: string }[] = [];
  for (const environment of catalog.environments) {
    const { state, cache } = clusterOf(runtime, catalog, environment.name);
    // A cache still making its first list knows nothing yet: no sample rather than a false "down".
    if (state.reachability === 'connecting' || state.reachability === 'not-configured') continue;
    for (const app of catalog.apps) {
      if (!app.environments.includes(environment.name)) continue;
      const objects = cache?.objectsFor(app.name, app.namespace) ?? NO_OBJECTS;
      const { health } = summarizeAppStatus({ app: app.name, environment: environment.name, namespace: app.namespace, cluster: state, objects }, now);
      rows.push({ app: app.name, environment: environment.name, verdict: health.verdict, sampled_at: sampledAt });
    }
  }
  if (rows.length > 0) await db.insertInto('app_status_samples').values(rows).execute();
  await db.deleteFrom('app_status_samples').where('sampled_at', '<', new Date(now - KEEP_SAMPLES_MS).toISOString()).execute();
  return rows.length;
}

export async function readStatusHistory(db: BerthDb, app: string, environment: string, since: Date): Promise<StatusSample[]> {
  const rows = await db
    .selectFrom('app_status_samples')
    .select(['verdict', 'sampled_at'])
    .where('app', '=', app)
    .where('environment', '=', environment)
    .where('sampled_at', '>=', since.toISOString())
    .orderBy('sampled_at')
    .execute();
  return rows.map((r) => ({ verdict: r.verdict as HealthVerdict, sampledAt: r.sampled_at }));
}

export interface StatusHistorySummary {
  windowMs: number;
  /** Time the samples vouch for: each sampling period with at least one known verdict. */
  coveredMs: number;
  /** Periods where the app was down, degraded or not deployed, merged into spans. */
  unhealthy: { from: string; to: string; verdict: HealthVerdict }[];
  firstSampleAt?: string;
}

const BAD: ReadonlySet<HealthVerdict> = new Set(['down', 'degraded', 'not-deployed']);

/**
 * What the samples of a window say. Time is cut into sampling periods; a period counts as covered
 * when a sample in it knew the verdict (several replicas sampling the same period count once),
 * and as unhealthy when any of its samples was bad.
 */
export function summarizeStatusHistory(samples: readonly StatusSample[], options: { now: number; windowMs?: number; periodMs?: number }): StatusHistorySummary {
  const windowMs = options.windowMs ?? 24 * 60 * 60_000;
  const periodMs = options.periodMs ?? SAMPLE_EVERY_MS;
  const start = options.now - windowMs;
  const periods = new Map<number, { known: boolean; bad?: HealthVerdict }>();
  for (const sample of samples) {
    const at = Date.parse(sample.sampledAt);
    if (!(at >= start && at <= options.now)) continue;
    const index = Math.floor((at - start) / periodMs);
    const period = periods.get(index) ?? { known: false };
    if (sample.verdict !== 'unknown') period.known = true;
    if (BAD.has(sample.verdict)) period.bad ??= sample.verdict;
    periods.set(index, period);
  }
  const indices = [...periods.keys()].sort((a, b) => a - b);
  const unhealthy: StatusHistorySummary['unhealthy'] = [];
  for (const index of indices) {
    const bad = periods.get(index)!.bad;
    if (!bad) continue;
    const from = start + index * periodMs;
    const last = unhealthy.at(-1);
    if (last && Date.parse(last.to) === from) last.to = new Date(from + periodMs).toISOString();
    else unhealthy.push({ from: new Date(from).toISOString(), to: new Date(Math.min(from + periodMs, options.now)).toISOString(), verdict: bad });
  }
  const coveredMs = Math.min(windowMs, indices.filter((i) => periods.get(i)!.known).length * periodMs);
  const first = samples.find((s) => Date.parse(s.sampledAt) >= start && Date.parse(s.sampledAt) <= options.now);
  return { windowMs, coveredMs, unhealthy, ...(first ? { firstSampleAt: first.sampledAt } : {}) };
}
