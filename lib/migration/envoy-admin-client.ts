import 'server-only';
// Envoy's admin API as the cutover uses it: GKE's share (a route's runtime_fraction key) read from
// /runtime and set with POST /runtime_modify, stats snapshots from /stats/prometheus, cluster and
// host status from /clusters?format=json, readiness from /ready. Every call has a deadline, and an
// Envoy that refuses, stays silent or answers something unexpected comes back as Berth's error
// shape (code `unavailable`, or `invalid` for a share outside 0–100), never as a hang or a throw.
// Envoy's JSON shapes stop here.
import { fail, type Failure, ok, type Result } from '@/lib/result/result';
import { getConfig } from '@/lib/config/get-config';
import type { MigrationCutoverTarget } from './migration-file';
import { readStatsSnapshot, type StatsSnapshot, StatsSnapshotError } from './stats-snapshot';

export interface EnvoyCallOptions {
  /** Deadline for the whole call (connect, headers and body). Default 3,000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Why an admin call failed, for the UI and the step log. */
export type EnvoyFailure = 'timeout' | 'refused' | 'unreachable' | 'http-status' | 'bad-response' | 'no-admin-layer' | 'not-applied';

export interface EnvoyRuntimeShare {
  runtimeKey: string;
  /** GKE's share in percent as the route reads it, or null when the key holds no whole number. */
  share: number | null;
  /** The raw final value ("" when no layer sets the key: the route's default applies). */
  value: string;
  /** Value per runtime layer, in layer order. */
  layers: { name: string; value: string }[];
}

export interface EnvoyHost {
  address: string;
  hostname: string;
  healthy: boolean;
  requests: number;
  errors: number;
}

export interface EnvoyCluster {
  name: string;
  hosts: EnvoyHost[];
}

const DEFAULT_TIMEOUT_MS = 3000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The admin URL to call for a cutover target: ENVOY_ADMIN_ENDPOINT (the sandbox's) replaces the file's. */
export function resolveEnvoyAdminUrl(target: Pick<MigrationCutoverTarget, 'envoyAdmin'>, endpoint: string | null = getConfig().ENVOY_ADMIN_ENDPOINT ?? null): string {
  return (endpoint ? `http://${endpoint}` : target.envoyAdmin).replace(/\/+$/, '');
}

type Fail = { ok: false; error: Failure };

function failure(adminUrl: string, reason: EnvoyFailure, message: string): Fail {
  return fail(reason === 'not-applied' ? 'conflict' : 'unavailable', message, { details: { reason, envoyAdmin: adminUrl } }) as Fail;
}

function describeNetworkError(error: unknown): { reason: EnvoyFailure; text: string } {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return { reason: 'refused', text: 'refused the connection (is Envoy running, and is this its admin port?)' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: 'unreachable', text: 'has a host name that does not resolve' };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { reason: 'unreachable', text: 'closed the connection before answering' };
  return { reason: 'unreachable', text: `could not be reached (${code ?? (error instanceof Error ? error.message : String(error))})` };
}

async function call(adminUrl: string, path: string, init: { method?: 'GET' | 'POST' } & EnvoyCallOptions = {}): Promise<{ ok: true; status: number; body: string } | Fail> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signals = [AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])];
  const signal = AbortSignal.any(signals);
  const what = `Envoy's admin interface at ${adminUrl}`;
  const method = init.method ?? 'GET';
  // A read may meet a kept-alive connection Envoy has just closed: it is asked once more on a new
  // one. A write is never repeated blindly (setRuntimeShare reads the result back instead).
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${adminUrl}${path}`, { method, signal, headers: { accept: '*/*' }, redirect: 'error' });
      const length = Number(response.headers.get('content-length') ?? '0');
      if (length > MAX_BODY_BYTES) {
        await response.body?.cancel();
        return failure(adminUrl, 'bad-response', `${what} answered ${path} with ${length} bytes, more than Berth reads`);
      }
      const body = await response.text();
      return { ok: true, status: response.status, body };
    } catch (error) {
      if (signal.aborted && !init.signal?.aborted) return failure(adminUrl, 'timeout', `${what} did not answer ${path} within ${timeoutMs / 1000} s (Envoy is silent: overloaded, stopped or behind a dead network path)`);
      if (init.signal?.aborted) return failure(adminUrl, 'timeout', `${what}: the call to ${path} was cancelled`);
      const { reason, text } = describeNetworkError(error);
      if (method === 'GET' && attempt === 1 && text.startsWith('closed the connection')) continue;
      return failure(adminUrl, reason, `${what} ${text}`);
    }
  }
}

function firstLine(body: string): string {
  return body.split('\n')[0].slice(0, 200);
}

function parseRuntime(adminUrl: string, body: string, runtimeKey: string): Result<EnvoyRuntimeShare> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return failure(adminUrl, 'bad-response', `Envoy's /runtime at ${adminUrl} is not JSON`);
  }
  const runtime = parsed as { layers?: unknown; entries?: Record<string, { final_value?: unknown; layer_values?: unknown }> };
  if (!Array.isArray(runtime.layers) || typeof runtime.entries !== 'object' || runtime.entries === null) {
    return failure(adminUrl, 'bad-response', `Envoy's /runtime at ${adminUrl} has no layers and entries`);
  }
  const layerNames = runtime.layers.map(String);
  const entry = runtime.entries[runtimeKey];
  const value = typeof entry?.final_value === 'string' ? entry.final_value : '';
  const values = Array.isArray(entry?.layer_values) ? entry.layer_values.map(String) : layerNames.map(() => '');
  // runtime_fraction reads a whole number as the numerator over HUNDRED; more than 100 is all.
  const share = /^\d+$/.test(value) ? Math.min(100, Number(value)) : value === '' ? 0 : null;
  return ok({ runtimeKey, share, value, layers: layerNames.map((name, i) => ({ name, value: values[i] ?? '' })) });
}

/** GKE's share now: the runtime key's final value (a key no layer sets means the route's default, 0). */
export async function readRuntimeShare(adminUrl: string, runtimeKey: string, options: EnvoyCallOptions = {}): Promise<Result<EnvoyRuntimeShare>> {
  const response = await call(adminUrl, '/runtime', options);
  if (!response.ok) return response;
  if (response.status !== 200) return failure(adminUrl, 'http-status', `Envoy's /runtime at ${adminUrl} answered ${response.status}: ${firstLine(response.body)}`);
  return parseRuntime(adminUrl, response.body, runtimeKey);
}

/**
 * Sets GKE's share through the admin layer (POST /runtime_modify?<key>=<share>), then reads
 * /runtime back: the result is what Envoy holds afterwards, or an error that says it did not take.
 */
export async function setRuntimeShare(adminUrl: string, runtimeKey: string, share: number, options: EnvoyCallOptions = {}): Promise<Result<EnvoyRuntimeShare>> {
  if (!Number.isInteger(share) || share < 0 || share > 100) return fail('invalid', `GKE's share must be a whole percent from 0 to 100 (got ${String(share)}).`) as Fail;
  if (!/^[A-Za-z0-9_.-]+$/.test(runtimeKey)) return fail('invalid', `"${runtimeKey}" is not a runtime key Berth sends (letters, digits, ".", "_" and "-").`) as Fail;
  const response = await call(adminUrl, `/runtime_modify?${encodeURIComponent(runtimeKey)}=${share}`, { ...options, method: 'POST', timeoutMs: options.timeoutMs ?? 5000 });
  if (!response.ok) return response;
  if (response.status === 503 && /admin layer/i.test(response.body)) {
    return failure(adminUrl, 'no-admin-layer', `Envoy at ${adminUrl} refused the change: its bootstrap has no admin runtime layer ("${firstLine(response.body)}"). Add "- name: admin, admin_layer: {}" to layered_runtime.`);
  }
  if (response.status !== 200) return failure(adminUrl, 'http-status', `Envoy at ${adminUrl} refused /runtime_modify with ${response.status}: ${firstLine(response.body)}`);
  const after = await readRuntimeShare(adminUrl, runtimeKey, options);
  if (!after.ok) return after;
  if (after.data.share !== share) {
    return failure(adminUrl, 'not-applied', `Envoy at ${adminUrl} accepted ${runtimeKey}=${share} but now reads "${after.data.value}" (a later runtime layer overrides the admin layer).`);
  }
  return after;
}

/**
 * A snapshot of the named clusters' counters and request-time histograms. Asks Envoy to filter
 * by stat name, so a 200-app proxy sends only these clusters' lines.
 */
export async function fetchStatsSnapshot(adminUrl: string, clusters: readonly string[], options: EnvoyCallOptions = {}): Promise<Result<StatsSnapshot>> {
  const escaped = clusters.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const filter = `^cluster\\.(${escaped.join('|')})\\.upstream_rq`;
  const response = await call(adminUrl, `/stats/prometheus?filter=${encodeURIComponent(filter)}`, options);
  if (!response.ok) return response;
  const takenAt = Date.now();
  if (response.status !== 200) return failure(adminUrl, 'http-status', `Envoy's /stats/prometheus at ${adminUrl} answered ${response.status}: ${firstLine(response.body)}`);
  try {
    const snapshot = readStatsSnapshot(response.body, { takenAt, clusters });
    const missing = clusters.filter((c) => !snapshot.clusters.has(c));
    if (missing.length > 0) return fail('not-found', `Envoy at ${adminUrl} has no cluster named ${missing.join(' or ')}: check the cutover's cluster names in migration.yaml.`, { details: { reason: 'bad-response', missing } }) as Fail;
    return ok(snapshot);
  } catch (error) {
    if (error instanceof StatsSnapshotError) return failure(adminUrl, 'bad-response', `${error.message} (from ${adminUrl})`);
    throw error;
  }
}

/** Upstream clusters with their hosts' health and request counters. */
export async function fetchClusters(adminUrl: string, options: EnvoyCallOptions = {}): Promise<Result<EnvoyCluster[]>> {
  const response = await call(adminUrl, '/clusters?format=json', options);
  if (!response.ok) return response;
  if (response.status !== 200) return failure(adminUrl, 'http-status', `Envoy's /clusters at ${adminUrl} answered ${response.status}: ${firstLine(response.body)}`);
  let parsed: { cluster_statuses?: unknown };
  try {
    parsed = JSON.parse(response.body) as { cluster_statuses?: unknown };
  } catch {
    return failure(adminUrl, 'bad-response', `Envoy's /clusters at ${adminUrl} is not JSON`);
  }
  // proto3 JSON leaves empty lists out: no cluster_statuses means no clusters.
  const statuses = parsed.cluster_statuses ?? [];
  if (!Array.isArray(statuses)) return failure(adminUrl, 'bad-response', `Envoy's /clusters at ${adminUrl} has no cluster_statuses list`);
  return ok(
    statuses.map((raw) => {
      const status = raw as { name?: unknown; host_statuses?: unknown[] };
      return {
        name: String(status.name ?? ''),
        hosts: (status.host_statuses ?? []).map((h) => {
          const host = h as { address?: { socket_address?: { address?: string; port_value?: number } }; hostname?: string; health_status?: Record<string, unknown>; stats?: { name?: string; value?: string }[] };
          const socket = host.address?.socket_address;
          const stat = (name: string) => Number(host.stats?.find((s) => s.name === name)?.value ?? 0);
          const health = host.health_status ?? {};
          const failed = Object.entries(health).some(([key, value]) => key !== 'eds_health_status' && value === true);
          const eds = health.eds_health_status;
          return {
            address: socket ? `${socket.address ?? ''}:${socket.port_value ?? 0}` : '',
            hostname: host.hostname ?? '',
            healthy: !failed && (eds === undefined || eds === 'HEALTHY'),
            requests: stat('rq_total'),
            errors: stat('rq_error'),
          };
        }),
      };
    }),
  );
}

/** Envoy's server state from /ready: LIVE (200), or why not. */
export async function checkEnvoyReady(adminUrl: string, options: EnvoyCallOptions = {}): Promise<Result<{ state: string }>> {
  const response = await call(adminUrl, '/ready', options);
  if (!response.ok) return response;
  const state = firstLine(response.body).trim();
  if (response.status === 200 && state === 'LIVE') return ok({ state });
  return failure(adminUrl, 'http-status', `Envoy at ${adminUrl} is not ready: /ready answered ${response.status} ${state || '(empty)'}`);
}
