// The edge Envoy of the sample company, simulated: the one proxy in front of the main external
// endpoint (it ran on Aptible), with a route per app whose `runtime_fraction` key
// (routing.traffic_shift.<app>) is GKE's share, and two upstream clusters per app, <app>_aptible
// (the Aptible endpoint) and <app>_gke (the GKE Istio ingress gateway). It keeps Envoy's layered
// runtime (a static layer from the bootstrap, then the admin layer /runtime_modify writes) and the
// clusters' statistics, and invents the requests: each simulated second, per app, a deterministic
// number of requests (seed, app, second) split by the share, with errors and latency per side.
// The GKE side follows the app's production pods: with no ready pod the ingress gateway answers
// 503 to every request, and each pod that is not ready adds errors and latency.
import type { Clock, ClockTimer } from '@/sandbox/kube-api/clock';
import { createRandom, fnv32a, type Random } from '@/sandbox/kube-api/random';
import { type Counter, EnvoyStats, type Gauge, type Histogram } from './envoy-stats';

export interface TrafficProfile {
  /** Requests per simulated second, on average. */
  requestsPerSecond: number;
  /** Median upstream time of a successful request, ms. */
  aptibleMedianMs: number;
  gkeMedianMs: number;
  /** Share of requests answered 5xx by a healthy backend (0–1). */
  baseline5xx: number;
}

export interface EdgeRoute {
  app: string;
  /** The route's runtime_fraction key: its value is GKE's share in percent. */
  runtimeKey: string;
  aptibleCluster: string;
  gkeCluster: string;
  /** The share the bootstrap's static runtime layer holds for the key (undefined: not in it). */
  staticShare?: number;
  /** A value already in the admin layer at start, as a /runtime_modify before the sandbox began. */
  adminShare?: number;
  /** The Aptible app is deprovisioned: its cluster has no host left. */
  aptibleGone?: boolean;
  profile?: Partial<TrafficProfile>;
}

export interface BackendHealth {
  /** Serving pods (deployments with a port) that are running, ready or not. */
  total: number;
  ready: number;
}

export interface EdgeProxyOptions {
  routes: EdgeRoute[];
  clock: Clock;
  seed?: string | number;
  /** Simulated seconds per real second (the sandbox's time scale). Default 1. */
  timeScale?: number;
  /** Production pod health per app name; called once per catch-up. Default: every app healthy. */
  backendHealth?: () => Map<string, BackendHealth>;
  /** Envoy's stats_flush_interval in simulated ms (histograms reach /stats at each flush). Default 5,000. */
  flushIntervalMs?: number;
  /** False: the bootstrap has no admin layer, so /runtime_modify fails as Envoy's does. */
  adminLayer?: boolean;
  /** Real ms between background catch-ups (default 1,000; 0 disables the timer). */
  tickMs?: number;
}

export interface RuntimeLayer {
  name: string;
  values: Map<string, string>;
}

export class RuntimeModifyError extends Error {}

const DEFAULT_PROFILE: TrafficProfile = { requestsPerSecond: 12, aptibleMedianMs: 60, gkeMedianMs: 48, baseline5xx: 0.002 };

/** The sample company's routed apps (others get a profile derived from their name). */
const PROFILES: Record<string, Partial<TrafficProfile>> = {
  'patient-portal': { requestsPerSecond: 40, aptibleMedianMs: 85, gkeMedianMs: 70 },
  'provider-api': { requestsPerSecond: 25, aptibleMedianMs: 55, gkeMedianMs: 46 },
  'intake-forms': { requestsPerSecond: 8, aptibleMedianMs: 120, gkeMedianMs: 100 },
};

function profileFor(route: EdgeRoute): TrafficProfile {
  const hash = fnv32a(route.app);
  const derived: Partial<TrafficProfile> = { requestsPerSecond: 4 + (hash % 20), aptibleMedianMs: 30 + ((hash >>> 8) % 90) };
  derived.gkeMedianMs = Math.round((derived.aptibleMedianMs ?? 60) * 0.85);
  return { ...DEFAULT_PROFILE, ...(PROFILES[route.app] ?? derived), ...route.profile };
}

interface ClusterStats {
  name: string;
  total: Counter;
  completed: Counter;
  noneHealthy: Counter;
  cxTotal: Counter;
  time: Histogram;
  membershipHealthy: Gauge;
  membershipTotal: Gauge;
  /** upstream_rq_<class>xx and upstream_rq_<code>, created on first use as Envoy does. */
  byClass: Map<string, Counter>;
  byCode: Map<number, Counter>;
  /** Per-host counters /clusters shows. */
  host: { rqTotal: number; rqSuccess: number; rqError: number; cxTotal: number };
}

interface RouteState {
  route: EdgeRoute;
  profile: TrafficProfile;
  aptible: ClusterStats;
  gke: ClusterStats;
}

export interface ClusterView {
  name: string;
  app: string;
  side: 'aptible' | 'gke';
  /** Null when the cluster has no host (a deprovisioned Aptible app). */
  host: null | { address: string; port: number; hostname: string; rqTotal: number; rqSuccess: number; rqError: number; cxTotal: number };
}

export class EdgeProxy {
  readonly stats = new EnvoyStats();
  readonly layers: RuntimeLayer[];
  private readonly routes = new Map<string, RouteState>();
  private readonly clock: Clock;
  private readonly seed: string;
  private readonly timeScale: number;
  private readonly flushEvery: number;
  private readonly startedAt: number;
  /** The last simulated second whose traffic exists. */
  private generatedThrough: number;
  private readonly health?: () => Map<string, BackendHealth>;
  private timer: ClockTimer | undefined;
  private closed = false;
  private healthFailed = false;

  constructor(options: EdgeProxyOptions) {
    this.clock = options.clock;
    this.seed = String(options.seed ?? 'berth-sandbox');
    this.timeScale = options.timeScale ?? 1;
    this.flushEvery = Math.max(1, Math.round((options.flushIntervalMs ?? 5000) / 1000));
    this.health = options.backendHealth;
    this.startedAt = this.clock.now();
    this.generatedThrough = 0;
    this.layers = [{ name: 'static_layer_0', values: new Map() }];
    if (options.adminLayer !== false) this.layers.push({ name: 'admin', values: new Map() });
    this.configure(options.routes);
    const server = this.stats;
    server.set(server.gauge('server.live', 'envoy_server_live', []), 1);
    server.set(server.gauge('server.state', 'envoy_server_state', []), 0);
    server.add(server.counter('runtime.load_success', 'envoy_runtime_load_success', []));
    this.updateGauges();
    const tickMs = options.tickMs ?? 1000;
    if (tickMs > 0) {
      const tick = () => {
        if (this.closed) return;
        this.catchUp();
        this.timer = this.clock.setTimeout(tick, tickMs);
      };
      this.timer = this.clock.setTimeout(tick, tickMs);
    }
  }

  /**
   * Sets the routes and clusters (as a CDS/RDS update would): new ones start with zeroed stats,
   * removed ones disappear; runtime values and the other clusters' stats are kept.
   */
  configure(routes: EdgeRoute[]): void {
    this.catchUp();
    const wanted = new Map(routes.map((r) => [r.app, r]));
    for (const [app, state] of this.routes) {
      if (wanted.has(app)) continue;
      this.routes.delete(app);
      this.stats.removeWithPrefix(`cluster.${state.aptible.name}.`);
      this.stats.removeWithPrefix(`cluster.${state.gke.name}.`);
      this.layers[0].values.delete(state.route.runtimeKey);
    }
    for (const route of routes) {
      const existing = this.routes.get(route.app);
      if (existing && existing.aptible.name === route.aptibleCluster && existing.gke.name === route.gkeCluster) {
        existing.route = route;
        existing.profile = profileFor(route);
      } else {
        if (existing) {
          this.stats.removeWithPrefix(`cluster.${existing.aptible.name}.`);
          this.stats.removeWithPrefix(`cluster.${existing.gke.name}.`);
        }
        this.routes.set(route.app, { route, profile: profileFor(route), aptible: this.clusterStats(route.aptibleCluster), gke: this.clusterStats(route.gkeCluster) });
        if (route.adminShare !== undefined && this.layers[1]) this.layers[1].values.set(route.runtimeKey, String(route.adminShare));
      }
      if (route.staticShare !== undefined) this.layers[0].values.set(route.runtimeKey, String(route.staticShare));
      else this.layers[0].values.delete(route.runtimeKey);
    }
    this.updateGauges();
  }

  /** The runtime value of `key` across the layers (the last non-empty one wins), as /runtime shows it. */
  runtimeValue(key: string): string | undefined {
    let value: string | undefined;
    for (const layer of this.layers) {
      const v = layer.values.get(key);
      if (v !== undefined && v !== '') value = v;
    }
    return value;
  }

  /**
   * /runtime_modify: merges the values into the admin layer; an empty value removes the override.
   * Throws RuntimeModifyError (Envoy answers 503) when the bootstrap has no admin layer.
   */
  modifyRuntime(values: [string, string][]): void {
    const admin = this.layers.find((l) => l.name === 'admin');
    if (!admin) throw new RuntimeModifyError('No admin layer specified');
    // Requests up to now were routed with the old value.
    this.catchUp();
    for (const [key, value] of values) {
      if (value === '') admin.values.delete(key);
      else admin.values.set(key, value);
    }
    this.updateGauges();
  }

  /** GKE's share for a route as Envoy's runtime_fraction reads the key: a whole number, else the default. */
  share(route: EdgeRoute): number {
    const raw = this.runtimeValue(route.runtimeKey);
    if (raw === undefined || !/^\d+$/.test(raw)) return 0;
    return Math.min(100, Number(raw));
  }

  /** /healthcheck/fail and /healthcheck/ok: /ready answers DRAINING (503) while failed. */
  setHealthCheckFailed(failed: boolean): void {
    this.healthFailed = failed;
    this.stats.set(this.stats.gauge('server.state', 'envoy_server_state', []), failed ? 1 : 0);
  }

  get serverState(): 'LIVE' | 'DRAINING' {
    return this.healthFailed ? 'DRAINING' : 'LIVE';
  }

  uptimeSeconds(): number {
    return Math.floor((this.clock.now() - this.startedAt) / 1000);
  }

  /** Generates the traffic of every simulated second that has passed, then updates the gauges. */
  catchUp(): void {
    const simulatedMs = (this.clock.now() - this.startedAt) * this.timeScale;
    const through = Math.floor(simulatedMs / 1000);
    if (through > this.generatedThrough) {
      const health = this.health?.();
      for (let second = this.generatedThrough + 1; second <= through; second++) {
        for (const state of this.routes.values()) this.generateSecond(state, second, health?.get(state.route.app));
        if (second % this.flushEvery === 0) this.stats.flush();
      }
      this.generatedThrough = through;
    }
    this.updateGauges();
  }

  clusters(): ClusterView[] {
    this.catchUp();
    const out: ClusterView[] = [];
    for (const state of [...this.routes.values()].sort((a, b) => a.route.app.localeCompare(b.route.app))) {
      for (const side of ['aptible', 'gke'] as const) {
        const cluster = state[side];
        const hash = fnv32a(cluster.name);
        const gone = side === 'aptible' && state.route.aptibleGone;
        out.push({
          name: cluster.name,
          app: state.route.app,
          side,
          host: gone
            ? null
            : side === 'aptible'
              ? { address: `10.124.${(hash >>> 8) & 0xff}.${hash & 0xff}`, port: 443, hostname: `elb-meridian-${hash % 90000 + 10000}.aptible.in`, ...cluster.host }
              : { address: '34.120.88.14', port: 443, hostname: 'istio-ingress.gke-production.meridiancare.example', ...cluster.host },
        });
      }
    }
    return out;
  }

  close(): void {
    this.closed = true;
    this.clock.clearTimeout(this.timer);
  }

  private clusterStats(name: string): ClusterStats {
    const tag = [['envoy_cluster_name', name]] as const;
    const s = this.stats;
    return {
      name,
      total: s.counter(`cluster.${name}.upstream_rq_total`, 'envoy_cluster_upstream_rq_total', tag),
      completed: s.counter(`cluster.${name}.upstream_rq_completed`, 'envoy_cluster_upstream_rq_completed', tag),
      noneHealthy: s.counter(`cluster.${name}.upstream_cx_none_healthy`, 'envoy_cluster_upstream_cx_none_healthy', tag),
      cxTotal: s.counter(`cluster.${name}.upstream_cx_total`, 'envoy_cluster_upstream_cx_total', tag),
      time: s.histogram(`cluster.${name}.upstream_rq_time`, 'envoy_cluster_upstream_rq_time', tag),
      membershipHealthy: s.gauge(`cluster.${name}.membership_healthy`, 'envoy_cluster_membership_healthy', tag),
      membershipTotal: s.gauge(`cluster.${name}.membership_total`, 'envoy_cluster_membership_total', tag),
      byClass: new Map(),
      byCode: new Map(),
      host: { rqTotal: 0, rqSuccess: 0, rqError: 0, cxTotal: 0 },
    };
  }

  private updateGauges(): void {
    const s = this.stats;
    s.set(s.gauge('server.uptime', 'envoy_server_uptime', []), this.uptimeSeconds());
    const keys = new Set(this.layers.flatMap((l) => [...l.values.keys()]));
    s.set(s.gauge('runtime.num_keys', 'envoy_runtime_num_keys', []), keys.size);
    s.set(s.gauge('runtime.admin_overrides_active', 'envoy_runtime_admin_overrides_active', []), this.layers.find((l) => l.name === 'admin')?.values.size ? 1 : 0);
    for (const state of this.routes.values()) {
      const aptibleHosts = state.route.aptibleGone ? 0 : 1;
      s.set(state.aptible.membershipTotal, aptibleHosts);
      s.set(state.aptible.membershipHealthy, aptibleHosts);
      s.set(state.gke.membershipTotal, 1);
      s.set(state.gke.membershipHealthy, 1);
    }
  }

  private generateSecond(state: RouteState, second: number, health: BackendHealth | undefined): void {
    const random = createRandom(`${this.seed}/edge/${state.route.app}/${second}`);
    const { profile } = state;
    const share = this.share(state.route);
    const count = Math.max(0, Math.round(profile.requestsPerSecond * random.between(0.8, 1.2)));
    const ready = health ? health.ready : 1;
    const total = health ? health.total : 1;
    const notReady = total > 0 ? 1 - Math.min(1, ready / total) : 1;
    for (let i = 0; i < count; i++) {
      const toGke = random.next() * 100 < share;
      if (toGke) {
        if (ready === 0) {
          // The ingress gateway has no ready endpoint: "no healthy upstream", at once.
          this.respond(state.gke, 503, random.int(1, 4));
        } else {
          const error = random.chance(profile.baseline5xx + 0.5 * notReady);
          const latency = lognormal(random, profile.gkeMedianMs * (1 + 1.5 * notReady), 0.5);
          this.respond(state.gke, error ? random.pick([503, 503, 502, 500]) : okStatus(random), error ? Math.max(1, Math.round(latency / 4)) : latency);
        }
      } else if (state.route.aptibleGone) {
        // No host in the cluster: Envoy answers 503 itself and no upstream request is counted.
        this.stats.add(state.aptible.noneHealthy);
        this.downstream(503);
      } else {
        const error = random.chance(profile.baseline5xx);
        const latency = lognormal(random, profile.aptibleMedianMs, 0.55);
        this.respond(state.aptible, error ? random.pick([503, 502, 500, 504]) : okStatus(random), latency);
      }
    }
  }

  private respond(cluster: ClusterStats, status: number, latencyMs: number): void {
    const s = this.stats;
    const name = cluster.name;
    const klass = String(Math.floor(status / 100));
    s.add(cluster.total);
    s.add(cluster.completed);
    let byClass = cluster.byClass.get(klass);
    if (!byClass) {
      byClass = s.counter(`cluster.${name}.upstream_rq_${klass}xx`, 'envoy_cluster_upstream_rq_xx', [['envoy_response_code_class', klass], ['envoy_cluster_name', name]]);
      cluster.byClass.set(klass, byClass);
    }
    s.add(byClass);
    let byCode = cluster.byCode.get(status);
    if (!byCode) {
      byCode = s.counter(`cluster.${name}.upstream_rq_${status}`, 'envoy_cluster_upstream_rq', [['envoy_response_code', String(status)], ['envoy_cluster_name', name]]);
      cluster.byCode.set(status, byCode);
    }
    s.add(byCode);
    s.record(cluster.time, latencyMs);
    cluster.host.rqTotal += 1;
    if (status >= 500) cluster.host.rqError += 1;
    else cluster.host.rqSuccess += 1;
    // Keep-alive connections: a new one now and then.
    if (cluster.host.rqTotal % 50 === 1) {
      s.add(cluster.cxTotal);
      cluster.host.cxTotal += 1;
    }
    this.downstream(status);
  }

  private readonly downstreamCounters = new Map<string, Counter>();

  private downstream(status: number): void {
    const s = this.stats;
    const klass = String(Math.floor(status / 100));
    let total = this.downstreamCounters.get('total');
    if (!total) {
      total = s.counter('http.ingress_http.downstream_rq_total', 'envoy_http_downstream_rq_total', [['envoy_http_conn_manager_prefix', 'ingress_http']]);
      this.downstreamCounters.set('total', total);
    }
    let byClass = this.downstreamCounters.get(klass);
    if (!byClass) {
      byClass = s.counter(`http.ingress_http.downstream_rq_${klass}xx`, 'envoy_http_downstream_rq_xx', [['envoy_response_code_class', klass], ['envoy_http_conn_manager_prefix', 'ingress_http']]);
      this.downstreamCounters.set(klass, byClass);
    }
    s.add(total);
    s.add(byClass);
  }
}

function okStatus(random: Random): number {
  const r = random.next();
  return r < 0.9 ? 200 : r < 0.94 ? 201 : r < 0.96 ? 304 : r < 0.99 ? 404 : 401;
}

/** A log-normal latency in whole milliseconds (Envoy records upstream_rq_time in ms). */
function lognormal(random: Random, medianMs: number, sigma: number): number {
  const u1 = Math.max(random.next(), 1e-12);
  const u2 = random.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(1, Math.round(medianMs * Math.exp(sigma * z)));
}
