// The Envoy admin client against the sandbox Envoy over the wire: in-process for the formats and
// refusals, and as a separate process stopped with SIGSTOP for silence and killed for refusal.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@/sandbox/kube-api/clock';
import type { EdgeRoute } from '@/sandbox/envoy-admin/edge-proxy';
import { type EnvoyAdminServer, startEnvoyAdminServer } from '@/sandbox/envoy-admin/server';
import { computeCutoverWindow } from './cutover-window';
import { checkEnvoyReady, fetchClusters, fetchStatsSnapshot, readRuntimeShare, resolveEnvoyAdminUrl, setRuntimeShare } from './envoy-admin-client';
import { freePort } from '@/lib/testing/free-port';

const ROUTE: EdgeRoute = { app: 'provider-api', runtimeKey: 'routing.traffic_shift.provider-api', aptibleCluster: 'provider-api_aptible', gkeCluster: 'provider-api_gke', staticShare: 0, adminShare: 25 };
const OTHER: EdgeRoute = { app: 'patient-portal', runtimeKey: 'routing.traffic_shift.patient-portal', aptibleCluster: 'patient-portal_aptible', gkeCluster: 'patient-portal_gke', staticShare: 100 };
const CLUSTERS = { aptible: 'provider-api_aptible', gke: 'provider-api_gke' };

const servers: EnvoyAdminServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Partial<Parameters<typeof startEnvoyAdminServer>[0]> = {}) {
  const clock = new ManualClock();
  const server = await startEnvoyAdminServer({ routes: [ROUTE, OTHER], clock, seed: 'client', tickMs: 0, ...options });
  servers.push(server);
  return { server, clock };
}

describe('Envoy admin client', () => {
  it('reads and sets GKE\'s share, confirming what Envoy holds afterwards', async () => {
    const { server } = await start();
    const before = await readRuntimeShare(server.url, ROUTE.runtimeKey);
    expect(before).toEqual({ ok: true, data: { runtimeKey: ROUTE.runtimeKey, share: 25, value: '25', layers: [{ name: 'static_layer_0', value: '0' }, { name: 'admin', value: '25' }] } });
    const set = await setRuntimeShare(server.url, ROUTE.runtimeKey, 5);
    expect(set.ok && set.data.share).toBe(5);
    expect(server.proxy.runtimeValue(ROUTE.runtimeKey)).toBe('5');
    // A key no layer sets: the route's default (0) applies.
    const unset = await readRuntimeShare(server.url, 'routing.traffic_shift.unknown');
    expect(unset.ok && unset.data).toMatchObject({ share: 0, value: '' });
  });

  it('refuses a share outside 0–100 or a hostile key before calling Envoy', async () => {
    const { server } = await start();
    for (const share of [-1, 101, 12.5, Number.NaN]) {
      const result = await setRuntimeShare(server.url, ROUTE.runtimeKey, share);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid');
    }
    const hostile = await setRuntimeShare(server.url, 'routing.traffic_shift.x&routing.traffic_shift.provider-api=100', 5);
    expect(hostile.ok ? 'ok' : hostile.error.code).toBe('invalid');
    expect(server.proxy.runtimeValue(ROUTE.runtimeKey)).toBe('25');
  });

  it('says clearly when Envoy has no admin layer, or another layer overrides the change', async () => {
    const { server } = await start({ adminLayer: false });
    const refused = await setRuntimeShare(server.url, ROUTE.runtimeKey, 5);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unavailable');
      expect(refused.error.message).toMatch(/no admin runtime layer \("No admin layer specified"\)/);
      expect(refused.error.details).toMatchObject({ reason: 'no-admin-layer' });
    }
    // A layer above the admin one (an RTDS layer, say) keeps its value: the change did not take.
    const { server: layered } = await start();
    layered.proxy.layers.push({ name: 'rtds', values: new Map([[ROUTE.runtimeKey, '0']]) });
    const overridden = await setRuntimeShare(layered.url, ROUTE.runtimeKey, 15);
    expect(overridden.ok ? 'ok' : [overridden.error.code, overridden.error.message]).toEqual(['conflict', expect.stringMatching(/accepted routing\.traffic_shift\.provider-api=15 but now reads "0"/)]);
  });

  it('takes snapshots of only the two clusters and computes a window from them', async () => {
    const { server, clock } = await start();
    clock.advance(10_000);
    const first = await fetchStatsSnapshot(server.url, [CLUSTERS.aptible, CLUSTERS.gke]);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect([...first.data.clusters.keys()].sort()).toEqual([CLUSTERS.aptible, CLUSTERS.gke]);
    clock.advance(15 * 60_000);
    const second = await fetchStatsSnapshot(server.url, [CLUSTERS.aptible, CLUSTERS.gke]);
    if (!second.ok) throw new Error(second.error.message);
    const window = computeCutoverWindow(first.data, second.data, { clusters: CLUSTERS, maxExtra5xxPercent: 1 });
    // 15 minutes at ~25 requests a second, a quarter to GKE.
    expect(window.gke.requests).toBeGreaterThan(4000);
    expect(window.aptible.requests).toBeGreaterThan(3 * window.gke.requests * 0.8);
    expect(window.gke.latencyMs!.p50).toBeGreaterThan(25);
    expect(window.gke.latencyMs!.p95).toBeGreaterThan(window.gke.latencyMs!.p50);
    expect(window.verdict.kind).toBe('within-threshold');

    const missing = await fetchStatsSnapshot(server.url, ['provider-api_gkee']);
    expect(missing.ok ? 'ok' : [missing.error.code, missing.error.message]).toEqual(['not-found', expect.stringMatching(/no cluster named provider-api_gkee/)]);
  });

  it('lists clusters with their hosts and reads /ready', async () => {
    const { server, clock } = await start({ routes: [ROUTE, OTHER, { ...OTHER, app: 'gone', aptibleCluster: 'gone_aptible', gkeCluster: 'gone_gke', runtimeKey: 'routing.traffic_shift.gone', aptibleGone: true }] });
    clock.advance(5000);
    const clusters = await fetchClusters(server.url);
    if (!clusters.ok) throw new Error(clusters.error.message);
    const gke = clusters.data.find((c) => c.name === 'patient-portal_gke')!;
    expect(gke.hosts).toEqual([{ address: '34.120.88.14:443', hostname: 'istio-ingress.gke-production.meridiancare.example', healthy: true, requests: expect.any(Number), errors: expect.any(Number) }]);
    expect(gke.hosts[0].requests).toBeGreaterThan(100);
    expect(clusters.data.find((c) => c.name === 'gone_aptible')?.hosts).toEqual([]);
    expect(await checkEnvoyReady(server.url)).toEqual({ ok: true, data: { state: 'LIVE' } });
    server.proxy.setHealthCheckFailed(true);
    const draining = await checkEnvoyReady(server.url);
    expect(draining.ok ? 'ok' : draining.error.message).toMatch(/not ready: \/ready answered 503 DRAINING/);
  });

  it('uses ENVOY_ADMIN_ENDPOINT in place of the address in migration.yaml when it is set', () => {
    expect(resolveEnvoyAdminUrl({ envoyAdmin: 'http://edge-proxy-admin.meridian.internal:9901' }, null)).toBe('http://edge-proxy-admin.meridian.internal:9901');
    expect(resolveEnvoyAdminUrl({ envoyAdmin: 'http://edge-proxy-admin.meridian.internal:9901/' }, '127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
  });

  it('reports a refused connection and an Envoy that answers garbage', async () => {
    const port = await freePort();
    const refused = await readRuntimeShare(`http://127.0.0.1:${port}`, ROUTE.runtimeKey);
    expect(refused.ok ? 'ok' : [refused.error.code, refused.error.message]).toEqual(['unavailable', expect.stringMatching(/refused the connection/)]);

    // Something else on the port: an HTTP server that is not Envoy.
    const other = await listen((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 15\r\nconnection: close\r\n\r\nhello, not json'));
    const garbage = await readRuntimeShare(other.url, ROUTE.runtimeKey);
    expect(garbage.ok ? 'ok' : garbage.error.message).toMatch(/\/runtime at .* is not JSON/);
    const stats = await fetchStatsSnapshot(other.url, [CLUSTERS.gke]);
    expect(stats.ok ? 'ok' : stats.error.message).toMatch(/Envoy's stats could not be read: line 1: "hello" is not a metric name/);
    other.close();
  });
});

describe('Envoy admin client against a real process', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  });

  it('gives up on a silent Envoy (SIGSTOP) within its deadline, recovers on SIGCONT, and reports a killed one as refusing', async () => {
    const root = path.resolve(__dirname, '..', '..');
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'envoy-admin', 'main.ts'), '--seed', 'stop', '--time-scale', '20'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready: (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child!.on('exit', (code) => reject(new Error(`the Envoy stand-in exited with ${code}: ${output}`)));
    });
    const live = await readRuntimeShare(url, ROUTE.runtimeKey);
    expect(live.ok && live.data.share).toBe(25);

    child.kill('SIGSTOP');
    const started = Date.now();
    const silent = await setRuntimeShare(url, ROUTE.runtimeKey, 0, { timeoutMs: 1000 });
    const took = Date.now() - started;
    expect(silent.ok ? 'ok' : [silent.error.code, silent.error.details]).toEqual(['unavailable', expect.objectContaining({ reason: 'timeout' })]);
    if (!silent.ok) expect(silent.error.message).toMatch(/did not answer \/runtime_modify\?routing\.traffic_shift\.provider-api=0 within 1 s/);
    // The deadline held (generous upper bound: this only guards against hanging).
    expect(took).toBeLessThan(10_000);
    const snapshot = await fetchStatsSnapshot(url, [CLUSTERS.gke], { timeoutMs: 500 });
    expect(snapshot.ok ? 'ok' : snapshot.error.details).toMatchObject({ reason: 'timeout' });

    child.kill('SIGCONT');
    // The stopped process still had the POST queued: it is applied once Envoy runs again, which is
    // why Berth reads the share back rather than trusting a timed-out write either way.
    const back = await readRuntimeShare(url, ROUTE.runtimeKey, { timeoutMs: 10_000 });
    expect(back.ok).toBe(true);

    const exited = new Promise((resolve) => child!.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const gone = await readRuntimeShare(url, ROUTE.runtimeKey);
    expect(gone.ok ? 'ok' : gone.error.details).toMatchObject({ reason: 'refused' });
  });
});

function listen(onSocket: (socket: net.Socket) => void): Promise<{ url: string; close(): void }> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.once('data', () => onSocket(socket)));
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}
