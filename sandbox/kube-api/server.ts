// The sandbox Kubernetes API server: one node:http server on 127.0.0.1 holding one or more
// simulated clusters, each under its own path prefix (`/clusters/<name>/api/v1/...`), so a single
// process backs both kubeconfig contexts. The real clients (@kubernetes/client-node, kubectl) talk
// to it unchanged.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import { ApiError } from './api-errors';
import { handleClusterRequest, type ClusterApiContext } from './api-handler';
import { createSystemClock, type Clock } from './clock';
import type { DesiredApp } from './desired-state';
import { sendError } from './http-util';
import { LogStore } from './log-store';
import { createRandom } from './random';
import { ClusterSimulator } from './simulator';
import { ClusterStore } from './store';

export interface KubeApiServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Cluster names, e.g. ['stage', 'production']. */
  clusters: string[];
  /** Seed for every random choice of the simulation (names, uids, delays, log lines). */
  seed?: number | string;
  /** Simulated durations run this many times faster (tests use 20–50). Default 1. */
  timeScale?: number;
  /** The clock for everything (default: the system clock). */
  clock?: Clock;
  /** Changes kept per cluster for watches; older resourceVersions are Expired. Default 5,000. */
  historyLimit?: number;
  /** Real milliseconds between watch BOOKMARKs. Default 60 s divided by timeScale, at least 1 s. */
  bookmarkIntervalMs?: number;
  /** Nodes per cluster. Default 3. */
  nodeCount?: number;
  /** Log lines kept per container instance. Default 5,000. */
  logLinesPerContainer?: number;
  /** Clusters whose pods get an istio-proxy sidecar. Default none. */
  istioSidecarClusters?: string[];
}

export interface KubeconfigOptions {
  /** Context name → cluster name. Default: one context per cluster, named like it. */
  contexts?: Record<string, string>;
  /** Default: the context of the `stage` cluster, else the first. */
  currentContext?: string;
  /** Default namespace written into every context. */
  namespace?: string;
}

export interface KubeApiServer {
  url: string;
  port: number;
  clusters: string[];
  /** `${url}/clusters/<name>`: the `server:` of that cluster in a kubeconfig. */
  clusterUrl(name: string): string;
  store(name: string): ClusterStore;
  simulator(name: string): ClusterSimulator;
  logs(name: string): LogStore;
  /** Feeds a cluster the apps it should run (see ClusterSimulator.applyDesiredState). */
  applyDesiredState(cluster: string, apps: DesiredApp[]): void;
  kubeconfig(options?: KubeconfigOptions): string;
  writeKubeconfig(path: string, options?: KubeconfigOptions): Promise<void>;
  /** Watches and log follows open now (what an API server's inflight-requests metric counts). */
  openStreams(): number;
  close(): Promise<void>;
}

interface ClusterRuntime {
  context: ClusterApiContext;
  store: ClusterStore;
  simulator: ClusterSimulator;
  logs: LogStore;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export async function startKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  if (options.clusters.length === 0) throw new Error('startKubeApiServer needs at least one cluster');
  for (const name of options.clusters) if (!CLUSTER_NAME.test(name)) throw new Error(`invalid cluster name "${name}"`);
  const clock = options.clock ?? createSystemClock();
  const timeScale = options.timeScale ?? 1;
  const seed = options.seed ?? 'berth-sandbox';
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<ServerResponse>();
  const track = (res: ServerResponse) => {
    streams.add(res);
    res.on('close', () => streams.delete(res));
  };

  const runtimes = new Map<string, ClusterRuntime>();
  for (const name of options.clusters) {
    const random = createRandom(`${seed}/${name}`);
    const store = new ClusterStore({ cluster: name, clock, random: random.fork('store'), historyLimit: options.historyLimit });
    const logs = new LogStore({ maxLinesPerInstance: options.logLinesPerContainer });
    const simulator = new ClusterSimulator({
      cluster: name,
      store,
      logs,
      clock,
      random: random.fork('simulator'),
      timeScale,
      nodeCount: options.nodeCount,
      istioSidecar: options.istioSidecarClusters?.includes(name) ?? false,
    });
    const context: ClusterApiContext = {
      name,
      store,
      simulator,
      logs,
      clock,
      bookmarkIntervalMs: options.bookmarkIntervalMs ?? Math.max(1000, 60_000 / timeScale),
      defaultWatchTimeoutSeconds: 1800,
      track,
    };
    runtimes.set(name, { context, store, simulator, logs });
  }
  const runtime = (name: string): ClusterRuntime => {
    const found = runtimes.get(name);
    if (!found) throw new Error(`no cluster named "${name}" (have: ${[...runtimes.keys()].join(', ')})`);
    return found;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let path = url.pathname;
    let cluster = runtimes.get(options.clusters[0])!;
    const prefixed = /^\/clusters\/([^/]+)(\/.*)?$/.exec(path);
    if (prefixed) {
      const found = runtimes.get(prefixed[1]);
      if (!found) {
        sendError(res, new ApiError(404, 'NotFound', `the server could not find the requested resource (cluster "${prefixed[1]}" is not served here)`));
        return;
      }
      cluster = found;
      path = prefixed[2] ?? '/';
    }
    handleClusterRequest(cluster.context, req, res, path, url.searchParams).catch((error: unknown) => {
      if (!(error instanceof ApiError)) console.error(`[kube-api] ${req.method} ${req.url} failed`, error);
      sendError(res, error);
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  const kubeconfig = (kubeconfigOptions: KubeconfigOptions = {}): string => {
    const contexts = kubeconfigOptions.contexts ?? Object.fromEntries(options.clusters.map((c) => [c, c]));
    for (const [context, cluster] of Object.entries(contexts)) if (!runtimes.has(cluster)) throw new Error(`context "${context}" names unknown cluster "${cluster}"`);
    const entries = Object.entries(contexts);
    const current = kubeconfigOptions.currentContext ?? entries.find(([, cluster]) => cluster === 'stage')?.[0] ?? entries[0]?.[0];
    const usedClusters = [...new Set(Object.values(contexts))];
    return stringify({
      apiVersion: 'v1',
      kind: 'Config',
      preferences: {},
      clusters: usedClusters.map((name) => ({ name, cluster: { server: `${url}/clusters/${name}`, 'insecure-skip-tls-verify': true } })),
      contexts: entries.map(([name, cluster]) => ({
        name,
        context: { cluster, user: `${cluster}-sandbox-user`, ...(kubeconfigOptions.namespace ? { namespace: kubeconfigOptions.namespace } : {}) },
      })),
      users: usedClusters.map((name) => ({ name: `${name}-sandbox-user`, user: { token: `sandbox-token-${name}` } })),
      'current-context': current,
    });
  };

  return {
    url,
    port,
    clusters: [...options.clusters],
    clusterUrl: (name) => {
      runtime(name);
      return `${url}/clusters/${name}`;
    },
    store: (name) => runtime(name).store,
    simulator: (name) => runtime(name).simulator,
    logs: (name) => runtime(name).logs,
    applyDesiredState: (cluster, apps) => runtime(cluster).simulator.applyDesiredState(apps),
    kubeconfig,
    async writeKubeconfig(path, kubeconfigOptions) {
      await mkdir(dirname(path), { recursive: true });
      // Through a rename: whoever waits for the file to appear reads it whole.
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, kubeconfig(kubeconfigOptions), { mode: 0o600 });
      await rename(temp, path);
    },
    openStreams: () => streams.size,
    async close() {
      for (const r of runtimes.values()) r.simulator.close();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
