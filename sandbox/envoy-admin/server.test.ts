// The sandbox Envoy admin interface against Envoy's formats: /runtime and /runtime_modify with their
// error answers, /stats/prometheus checked by Debian's promtool, /clusters?format=json, /ready; the
// simulated traffic's determinism, and a GKE side that follows the production pods.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@/sandbox/kube-api/clock';
import { app, manualCluster } from '@/sandbox/kube-api/test-helpers';
import { isPodReady } from '@/sandbox/kube-api/simulator';
import { podBackendHealth } from './backend-health';
import { EdgeProxy, type EdgeRoute } from './edge-proxy';
import { ENVOY_DEFAULT_BUCKETS, renderPrometheus } from './envoy-stats';
import { type EnvoyAdminServer, startEnvoyAdminServer } from './server';

const ROUTES: EdgeRoute[] = [
  { app: 'patient-portal', runtimeKey: 'routing.traffic_shift.patient-portal', aptibleCluster: 'patient-portal_aptible', gkeCluster: 'patient-portal_gke', staticShare: 100 },
  { app: 'provider-api', runtimeKey: 'routing.traffic_shift.provider-api', aptibleCluster: 'provider-api_aptible', gkeCluster: 'provider-api_gke', staticShare: 0, adminShare: 25 },
  { app: 'notifications', runtimeKey: 'routing.traffic_shift.notifications', aptibleCluster: 'notifications_aptible', gkeCluster: 'notifications_gke', staticShare: 100, aptibleGone: true },
];

const servers: EnvoyAdminServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Partial<Parameters<typeof startEnvoyAdminServer>[0]> = {}): Promise<{ server: EnvoyAdminServer; clock: ManualClock }> {
  const clock = new ManualClock();
  const server = await startEnvoyAdminServer({ routes: ROUTES, clock, seed: 'test', tickMs: 0, ...options });
  servers.push(server);
  return { server, clock: (options.clock as ManualClock | undefined) ?? clock };
}

/** The value of one series in a text exposition (undefined when the series is absent). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('sandbox Envoy admin: runtime', () => {
  it('shows the static and admin layers as Envoy does, and /runtime_modify writes the admin layer', async () => {
    const { server } = await start();
    const runtime = await fetch(`${server.url}/runtime`);
    expect(runtime.headers.get('content-type')).toBe('application/json');
    const text = await runtime.text();
    expect(text).toMatch(/^\{\n "entries": \{\n {2}"routing\.traffic_shift\.notifications": \{\n {3}"final_value": "100",/);
    const body = JSON.parse(text) as { layers: string[]; entries: Record<string, { final_value: string; layer_values: string[] }> };
    expect(body.layers).toEqual(['static_layer_0', 'admin']);
    expect(body.entries['routing.traffic_shift.provider-api']).toEqual({ final_value: '25', layer_values: ['0', '25'] });
    expect(body.entries['routing.traffic_shift.patient-portal']).toEqual({ final_value: '100', layer_values: ['100', ''] });

    const set = await fetch(`${server.url}/runtime_modify?routing.traffic_shift.provider-api=5`, { method: 'POST' });
    expect([set.status, await set.text()]).toEqual([200, 'OK\n']);
    const after = (await (await fetch(`${server.url}/runtime`)).json()) as typeof body;
    expect(after.entries['routing.traffic_shift.provider-api']).toEqual({ final_value: '5', layer_values: ['0', '5'] });

    // An empty value removes the override: the static layer's value shows again.
    await fetch(`${server.url}/runtime_modify?routing.traffic_shift.provider-api=`, { method: 'POST' });
    const cleared = (await (await fetch(`${server.url}/runtime`)).json()) as typeof body;
    expect(cleared.entries['routing.traffic_shift.provider-api']).toEqual({ final_value: '0', layer_values: ['0', ''] });

    // Form values work too, as in Envoy.
    const form = await fetch(`${server.url}/runtime_modify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'routing.traffic_shift.provider-api=15' });
    expect(form.status).toBe(200);
    expect(server.proxy.runtimeValue('routing.traffic_shift.provider-api')).toBe('15');
  });

  it('answers a GET to /runtime_modify with 405, no parameter with the usage, no admin layer with 503', async () => {
    const { server } = await start();
    const get = await fetch(`${server.url}/runtime_modify?routing.traffic_shift.provider-api=50`);
    expect([get.status, await get.text()]).toEqual([405, 'Method GET not allowed, POST required.']);
    expect(server.proxy.runtimeValue('routing.traffic_shift.provider-api')).toBe('25');

    const empty = await fetch(`${server.url}/runtime_modify`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toBe('usage: /runtime_modify?key1=value1&key2=value2&keyN=valueN\n       or send the parameters as form values\nuse an empty value to remove a previously added override');

    const unknown = await fetch(`${server.url}/runtime_modify_now`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/^invalid path\. admin commands are:\n {2}\/clusters: upstream cluster status\n/);

    const { server: noAdmin } = await start({ adminLayer: false });
    const refused = await fetch(`${noAdmin.url}/runtime_modify?routing.traffic_shift.provider-api=50`, { method: 'POST' });
    expect([refused.status, await refused.text()]).toEqual([503, 'No admin layer specified']);
  });

  it('reads a share the way runtime_fraction does: whole numbers, capped at 100, anything else the default 0', () => {
    const proxy = new EdgeProxy({ routes: ROUTES, clock: new ManualClock(), tickMs: 0 });
    const route = ROUTES[1];
    for (const [value, share] of [['40', 40], ['250', 100], ['12.5', 0], ['abc', 0], ['-5', 0]] as const) {
      proxy.modifyRuntime([[route.runtimeKey, value]]);
      expect(proxy.share(route)).toBe(share);
    }
  });
});

describe('sandbox Envoy admin: stats', () => {
  it('serves a text exposition that promtool reads, with only the lint findings real Envoy output has', async () => {
    const { server, clock } = await start({ seed: 'promtool' });
    clock.advance(120_000);
    const response = await fetch(`${server.url}/stats/prometheus`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    const text = await response.text();
    const promtool = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    if (promtool.error) throw new Error(`promtool is needed for this test (Debian package prometheus): ${promtool.error.message}. npm test installs it as root; otherwise run: sudo apt-get install -y prometheus`);
    // 0: clean; 3: lint findings only; 1: the exposition could not be parsed.
    expect([0, 3]).toContain(promtool.status);
    const findings = `${promtool.stdout}${promtool.stderr}`.split('\n').filter(Boolean);
    expect(findings.length).toBeGreaterThan(0);
    // Envoy writes no # HELP lines, its counters have no _total suffix and one gauge has one
    // (membership_total): promtool says so, and only that.
    for (const finding of findings) expect(finding).toMatch(/^envoy_[a-z_]+ (no help text|counter metrics should have "_total" suffix|non-counter metrics should not have "_total" suffix)$/);

    expect(text).toContain('# TYPE envoy_cluster_upstream_rq_xx counter\n');
    expect(text).toContain('# TYPE envoy_cluster_upstream_rq_time histogram\n');
    expect(text).toContain('envoy_server_live{} 1\n');
    const gkeTotal = sample(text, 'envoy_cluster_upstream_rq_total{envoy_cluster_name="provider-api_gke"}')!;
    const aptibleTotal = sample(text, 'envoy_cluster_upstream_rq_total{envoy_cluster_name="provider-api_aptible"}')!;
    // 120 s at ~25 requests a second, a quarter of them to GKE.
    expect(gkeTotal + aptibleTotal).toBeGreaterThan(2400);
    expect(gkeTotal / (gkeTotal + aptibleTotal)).toBeGreaterThan(0.2);
    expect(gkeTotal / (gkeTotal + aptibleTotal)).toBeLessThan(0.3);
    const xx = ['1', '2', '3', '4', '5'].map((c) => sample(text, `envoy_cluster_upstream_rq_xx{envoy_response_code_class="${c}",envoy_cluster_name="provider-api_gke"}`) ?? 0);
    expect(xx.reduce((a, b) => a + b, 0)).toBe(gkeTotal);
    // Every bucket bound is Envoy's default, in Envoy's number format, and the counts are cumulative.
    const bounds = [...text.matchAll(/^envoy_cluster_upstream_rq_time_bucket\{envoy_cluster_name="provider-api_gke",le="([^"]+)"\} (\d+)$/gm)];
    expect(bounds.map((m) => m[1])).toEqual([...ENVOY_DEFAULT_BUCKETS.map(String), '+Inf']);
    const counts = bounds.map((m) => Number(m[2]));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(sample(text, 'envoy_cluster_upstream_rq_time_count{envoy_cluster_name="provider-api_gke"}'));
    // Histograms reach /stats at each 5 s flush: their count trails the counter by less than a flush.
    expect(counts.at(-1)!).toBeLessThanOrEqual(gkeTotal);
    // The deprovisioned Aptible app: its cluster has no host, so nothing reaches it.
    expect(sample(text, 'envoy_cluster_upstream_rq_total{envoy_cluster_name="notifications_aptible"}')).toBe(0);
  });

  it('creates the 5xx series on the first 5xx only, and filters by Envoy stat name like ?filter=', async () => {
    const { server, clock } = await start({ routes: [{ ...ROUTES[1], adminShare: 100 }], backendHealth: () => new Map([['provider-api', { total: 2, ready: 2 }]]) });
    clock.advance(1000);
    const before = await (await fetch(`${server.url}/stats/prometheus?filter=${encodeURIComponent('^cluster\\.provider-api_gke\\.')}`)).text();
    expect(before).not.toContain('provider-api_aptible');
    expect(before).not.toContain('envoy_server_live');
    expect(before).not.toMatch(/envoy_response_code_class="5"/);
    // No GKE pod ready: the ingress gateway answers 503 to everything.
    const down = await startEnvoyAdminServer({ routes: [{ ...ROUTES[1], adminShare: 100 }], clock, seed: 'test', tickMs: 0, backendHealth: () => new Map([['provider-api', { total: 2, ready: 0 }]]) });
    servers.push(down);
    clock.advance(10_000);
    const text = await (await fetch(`${down.url}/stats/prometheus?usedonly`)).text();
    const total = sample(text, 'envoy_cluster_upstream_rq_total{envoy_cluster_name="provider-api_gke"}')!;
    expect(total).toBeGreaterThan(150);
    expect(sample(text, 'envoy_cluster_upstream_rq_xx{envoy_response_code_class="5",envoy_cluster_name="provider-api_gke"}')).toBe(total);
    expect(sample(text, 'envoy_cluster_upstream_rq{envoy_response_code="503",envoy_cluster_name="provider-api_gke"}')).toBe(total);
    const bad = await fetch(`${down.url}/stats/prometheus?filter=${encodeURIComponent('(')}`);
    expect(bad.status).toBe(400);
  });

  it('is deterministic under the seed and time scale, and the time scale multiplies the traffic', () => {
    const run = (seed: string, timeScale: number) => {
      const clock = new ManualClock();
      const proxy = new EdgeProxy({ routes: ROUTES, clock, seed, timeScale, tickMs: 0 });
      clock.advance(30_000);
      proxy.modifyRuntime([['routing.traffic_shift.provider-api', '50']]);
      clock.advance(30_000);
      proxy.catchUp();
      return renderPrometheus(proxy.stats.all().filter((s) => s.name !== 'server.uptime'));
    };
    expect(run('a', 1)).toBe(run('a', 1));
    expect(run('a', 1)).not.toBe(run('b', 1));
    const total = (text: string) => sample(text, 'envoy_http_downstream_rq_total{envoy_http_conn_manager_prefix="ingress_http"}')!;
    const once = total(run('a', 1));
    expect(total(run('a', 10))).toBeGreaterThan(once * 8);
  });

  it('answers 5xx at GKE\'s share while the app crash-loops in the production cluster', () => {
    // intake-forms without FHIR_BASE_URL crash-loops in the sandbox cluster (see the simulator tests).
    const cluster = manualCluster('edge-crash');
    cluster.simulator.applyDesiredState([app('intake-forms', [{ name: 'web', replicas: 2, port: 8080, readinessPath: '/healthz', env: { NODE_ENV: 'production' } }])]);
    const route: EdgeRoute = { app: 'intake-forms', runtimeKey: 'routing.traffic_shift.intake-forms', aptibleCluster: 'intake-forms_aptible', gkeCluster: 'intake-forms_gke', staticShare: 0, adminShare: 50 };
    const proxy = new EdgeProxy({ routes: [route], clock: cluster.clock, seed: 'edge-crash', tickMs: 0, backendHealth: podBackendHealth(cluster.store) });
    const at = () => {
      proxy.catchUp();
      const text = renderPrometheus(proxy.stats.all());
      const total = (c: string) => sample(text, `envoy_cluster_upstream_rq_total{envoy_cluster_name="${c}"}`) ?? 0;
      const errors = (c: string) => sample(text, `envoy_cluster_upstream_rq_xx{envoy_response_code_class="5",envoy_cluster_name="${c}"}`) ?? 0;
      return { gke: total('intake-forms_gke'), gke5xx: errors('intake-forms_gke'), aptible: total('intake-forms_aptible'), aptible5xx: errors('intake-forms_aptible') };
    };
    // Step a second at a time so the pods' state is sampled as the traffic happens.
    for (let i = 0; i < 300; i++) cluster.clock.advance(1000);
    expect(cluster.store.list('pods', 'intake-forms').some((p) => isPodReady(p as never))).toBe(false);
    const numbers = at();
    expect(numbers.gke).toBeGreaterThan(500);
    expect(numbers.gke5xx / numbers.gke).toBeGreaterThan(0.9);
    expect(numbers.aptible5xx / numbers.aptible).toBeLessThan(0.02);

    // The values fixed: pods become ready and the GKE side answers like Aptible.
    cluster.simulator.applyDesiredState([app('intake-forms', [{ name: 'web', replicas: 2, port: 8080, readinessPath: '/healthz', env: { NODE_ENV: 'production', FHIR_BASE_URL: 'https://fhir.example/fhir' } }], { revision: 'rev-2' })]);
    expect(cluster.clock.advanceUntil(() => (cluster.store.list('pods', 'intake-forms').filter((p) => isPodReady(p as never)).length === 2), { maxMs: 10 * 60_000, stepMs: 1000 })).toBe(true);
    const healed = at();
    for (let i = 0; i < 120; i++) cluster.clock.advance(1000);
    const later = at();
    expect((later.gke5xx - healed.gke5xx) / (later.gke - healed.gke)).toBeLessThan(0.05);
  });
});

describe('sandbox Envoy admin: clusters and readiness', () => {
  it('lists both clusters per route with host statuses in proto JSON, and /ready says LIVE until health checks fail', async () => {
    const { server, clock } = await start();
    clock.advance(5000);
    const clusters = (await (await fetch(`${server.url}/clusters?format=json`)).json()) as { cluster_statuses: { name: string; host_statuses?: { hostname: string; stats: { name: string; value?: string; type?: string }[]; health_status: { eds_health_status: string } }[] }[] };
    expect(clusters.cluster_statuses.map((c) => c.name)).toEqual(['notifications_aptible', 'notifications_gke', 'patient-portal_aptible', 'patient-portal_gke', 'provider-api_aptible', 'provider-api_gke']);
    expect(clusters.cluster_statuses[0].host_statuses).toBeUndefined();
    const gke = clusters.cluster_statuses.find((c) => c.name === 'patient-portal_gke')!;
    expect(gke.host_statuses?.[0].health_status.eds_health_status).toBe('HEALTHY');
    expect(Number(gke.host_statuses?.[0].stats.find((s) => s.name === 'rq_total')?.value)).toBeGreaterThan(100);
    expect(gke.host_statuses?.[0].stats.find((s) => s.name === 'cx_active')).toEqual({ type: 'GAUGE', name: 'cx_active' });
    const text = await (await fetch(`${server.url}/clusters`)).text();
    expect(text).toMatch(/^patient-portal_gke::34\.120\.88\.14:443::health_flags::healthy$/m);

    const ready = await fetch(`${server.url}/ready`);
    expect([ready.status, await ready.text()]).toEqual([200, 'LIVE\n']);
    expect((await fetch(`${server.url}/healthcheck/fail`, { method: 'POST' })).status).toBe(200);
    const draining = await fetch(`${server.url}/ready`);
    expect([draining.status, await draining.text()]).toEqual([503, 'DRAINING\n']);
  });

  it('resets counters on POST /reset_counters, as a counter reset Berth must notice', async () => {
    const { server, clock } = await start();
    clock.advance(20_000);
    const series = 'envoy_cluster_upstream_rq_total{envoy_cluster_name="patient-portal_gke"}';
    const before = sample(await (await fetch(`${server.url}/stats/prometheus`)).text(), series)!;
    expect(before).toBeGreaterThan(400);
    expect((await fetch(`${server.url}/reset_counters`, { method: 'POST' })).status).toBe(200);
    clock.advance(1000);
    const after = sample(await (await fetch(`${server.url}/stats/prometheus`)).text(), series)!;
    expect(after).toBeLessThan(before);
  });
});
