// The informer caches against the real sandbox API server over HTTP, with the faults a cluster
// connection meets: the API server down at start and mid-watch (stopped and restarted on the same
// port), an expired watch (410 → relist), an app with no pods yet, a namespace that does not exist.
import http from 'node:http';
import net from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@/sandbox/kube-api/clock';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { app, waitFor } from '@/sandbox/kube-api/test-helpers';
import type { ClusterState } from './app-status';
import { ClusterCache } from './cluster-cache';
import { summarizeAppStatus } from './summarize-app-status';
import { freePort } from '@/lib/testing/free-port';

const hello = app('hello', [{ name: 'web', replicas: 2, port: 8080, readinessPath: '/healthz' }], { pdb: { minAvailable: 1 } });

const servers = new Set<KubeApiServer>();
const caches = new Set<ClusterCache>();
const closers: (() => Promise<void>)[] = [];

async function startServer(options: Parameters<typeof startKubeApiServer>[0]): Promise<KubeApiServer> {
  const server = await startKubeApiServer(options);
  servers.add(server);
  return server;
}

async function stopServer(server: KubeApiServer): Promise<void> {
  servers.delete(server);
  await server.close();
}

function kubeConfigFor(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'stage', server, skipTLSVerify: true }],
    users: [{ name: 'sandbox', token: 'sandbox-token-stage' }],
    contexts: [{ name: 'stage', cluster: 'stage', user: 'sandbox' }],
    currentContext: 'stage',
  });
  return kc;
}

function startCache(server: string): ClusterCache {
  const cache = new ClusterCache({ environment: 'stage', kubeConfig: kubeConfigFor(server), initialBackoffMs: 50, maxBackoffMs: 250, probeIntervalMs: 0 });
  caches.add(cache);
  cache.start();
  return cache;
}

function clusterState(cache: ClusterCache): ClusterState {
  const s = cache.state();
  return {
    name: 'gke-stage',
    context: 'stage',
    reachability: s.reachability,
    sandbox: true,
    ...(s.lastSyncAt ? { lastSyncAt: new Date(s.lastSyncAt).toISOString() } : {}),
    ...(s.unreachableSince ? { unreachableSince: new Date(s.unreachableSince).toISOString() } : {}),
  };
}

function readyPods(cache: ClusterCache, appName = 'hello'): string[] {
  return cache
    .objectsFor(appName, appName)
    .pods.filter((p) => !p.metadata?.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => p.metadata?.name ?? '')
    .sort();
}

/** A pass-through HTTP proxy that can end every open watch cleanly and hold new ones (an API server dropping watches). */
async function startWatchProxy(targetPort: number) {
  let paused = false;
  const held: (() => void)[] = [];
  const watches = new Set<{ upstream: http.ClientRequest; response: http.ServerResponse }>();
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, isWatch: boolean) => {
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers }, (upstreamResponse) => {
      upstreamResponse.on('error', () => {});
      res.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
    if (isWatch) {
      const entry = { upstream, response: res };
      watches.add(entry);
      res.on('close', () => {
        watches.delete(entry);
        upstream.destroy();
      });
    }
  };
  const proxy = http.createServer((req, res) => {
    const isWatch = /[?&]watch=(true|1)\b/.test(req.url ?? '');
    if (isWatch && paused) held.push(() => forward(req, res, true));
    else forward(req, res, isWatch);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    for (const w of watches) w.response.destroy();
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  };
  closers.push(close);
  return {
    port: (proxy.address() as net.AddressInfo).port,
    openWatches: () => watches.size,
    heldWatches: () => held.length,
    /** Ends every open watch cleanly (as an API server does at its watch timeout) and holds new ones. */
    pauseWatches() {
      paused = true;
      for (const w of watches) {
        w.response.end();
        w.upstream.destroy();
      }
    },
    resume() {
      paused = false;
      for (const run of held.splice(0)) run();
    },
  };
}

afterEach(async () => {
  for (const cache of caches) await cache.stop();
  caches.clear();
});

afterAll(async () => {
  for (const server of servers) await server.close();
  for (const close of closers) await close();
});

describe('ClusterCache against the sandbox API server', () => {
  it('survives an API server that is down at start and mid-watch, keeping the last good data meanwhile', async () => {
    const port = await freePort();
    const cache = startCache(`http://127.0.0.1:${port}/clusters/stage`);

    // Down at start: unreachable, no data, and it keeps retrying.
    await waitFor(() => cache.state().reachability === 'unreachable', { what: 'unreachable at start' });
    expect(cache.state().error).toMatch(/ECONNREFUSED|connect|fetch failed/i);
    // What reaches the status page, the SSE stream and readiness never names the API server.
    expect(cache.state().error).not.toContain('127.0.0.1');
    expect(cache.state().error).not.toContain(String(port));
    expect(JSON.stringify(summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'hello', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'hello') }, Date.now()))).not.toMatch(new RegExp(`127\\.0\\.0\\.1|:${port}`));
    expect(summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'hello', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'hello') }, Date.now()).health).toMatchObject({
      verdict: 'unknown',
      title: 'Cluster unreachable',
    });

    let server = await startServer({ port, clusters: ['stage'], seed: 'faults-1', timeScale: 50 });
    server.applyDesiredState('stage', [hello]);
    await waitFor(() => cache.state().reachability === 'reachable' && readyPods(cache).length === 2, { what: 'informers to recover and see 2 ready pods', timeoutMs: 15_000 });
    const firstPods = readyPods(cache);
    expect(cache.state().lastSyncAt).toBeGreaterThan(0);
    const healthy = summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'hello', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'hello') }, Date.now());
    expect(healthy.health.verdict).toBe('healthy');
    expect(healthy.disruptionBudgets[0]).toMatchObject({ rule: 'at least 1 pod up' });

    // Down mid-watch: unreachable since a moment, last good data still there.
    await stopServer(server);
    await waitFor(() => cache.state().reachability === 'unreachable', { what: 'unreachable mid-watch' });
    expect(readyPods(cache)).toEqual(firstPods);
    const stale = summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'hello', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'hello') }, Date.now());
    expect(stale.health.title).toBe('Cluster unreachable');
    expect(stale.health.reason).toMatch(/last good data/);
    expect(stale.pods).toHaveLength(2);

    // Back on the same port with another history: a full relist replaces the old objects.
    server = await startServer({ port, clusters: ['stage'], seed: 'faults-2', timeScale: 50 });
    server.applyDesiredState('stage', [hello]);
    await waitFor(() => cache.state().reachability === 'reachable' && readyPods(cache).length === 2 && readyPods(cache).every((p) => !firstPods.includes(p)), {
      what: 'the caches to follow the restarted server',
      timeoutMs: 15_000,
    });
    expect(cache.state().unreachableSince).toBeUndefined();
    await stopServer(server);
  });

  it('relists when a watch resumes from an expired resourceVersion (410 Gone)', async () => {
    const server = await startServer({ clusters: ['stage'], seed: 'expired', timeScale: 50, historyLimit: 40 });
    server.applyDesiredState('stage', [hello]);
    const proxy = await startWatchProxy(server.port);
    const cache = startCache(`http://127.0.0.1:${proxy.port}/clusters/stage`);
    await waitFor(() => readyPods(cache).length === 2 && proxy.openWatches() === 5, { what: 'synced caches with five open watches', timeoutMs: 15_000 });
    const before = cache.stats();

    // The watches end and, while they are away, the server moves far past its history.
    proxy.pauseWatches();
    await waitFor(() => proxy.heldWatches() === 5, { what: 'every informer to try to resume its watch' });
    const [gone] = readyPods(cache);
    server.simulator('stage').deletePod('hello', gone, 0);
    for (let i = 0; i < 60; i++) server.simulator('stage').ensureNamespace(`filler-${i}`);
    expect(server.store('stage').oldestResourceVersion).toBeGreaterThan(Number(cache.objectsFor('hello', 'hello').pods[0].metadata?.resourceVersion));
    proxy.resume();

    await waitFor(
      () => {
        const after = cache.stats();
        return (Object.keys(after) as (keyof typeof after)[]).every((kind) => after[kind].lists > before[kind].lists);
      },
      { what: 'every informer to relist after 410', timeoutMs: 15_000 },
    );
    await waitFor(() => !cache.objectsFor('hello', 'hello').pods.some((p) => p.metadata?.name === gone) && readyPods(cache).length === 2, {
      what: 'the relist to drop the deleted pod and show its replacement',
      timeoutMs: 15_000,
    });
    const after = cache.stats();
    for (const kind of Object.keys(after) as (keyof typeof after)[]) expect(after[kind].failures).toBe(before[kind].failures);
    expect(cache.state().reachability).toBe('reachable');
  });

  it('answers for an app with no pods yet and for a namespace that does not exist', async () => {
    const clock = new ManualClock(Date.now());
    const server = await startServer({ clusters: ['stage'], seed: 'no-pods', clock, timeScale: 1 });
    server.applyDesiredState('stage', [hello]);
    const cache = startCache(server.clusterUrl('stage'));
    await waitFor(() => cache.state().reachability === 'reachable' && cache.objectsFor('hello', 'hello').pods.length === 2, { what: 'pods created but not scheduled' });

    // Time stands still: the pods exist but no node has taken them.
    const starting = summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'hello', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'hello') }, clock.now());
    expect(starting.health).toMatchObject({ verdict: 'progressing', title: 'Starting' });
    expect(starting.pods.map((p) => [p.phase, p.status, p.node])).toEqual([
      ['Pending', 'Pending', undefined],
      ['Pending', 'Pending', undefined],
    ]);

    const missing = summarizeAppStatus({ app: 'hello', environment: 'stage', namespace: 'no-such-namespace', cluster: clusterState(cache), objects: cache.objectsFor('hello', 'no-such-namespace') }, clock.now());
    expect(missing.health).toMatchObject({ verdict: 'not-deployed', title: 'Not deployed' });
    expect(missing.pods).toEqual([]);
    expect(missing.change.state).toBe('not-deployed');

    const nobody = cache.objectsFor('nobody', 'nobody');
    expect(nobody).toEqual({ deployments: [], replicaSets: [], pods: [], disruptionBudgets: [], events: [] });
  });
});
