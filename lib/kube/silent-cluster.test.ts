// An API server that stops answering without closing anything — a hung process, a network that
// drops packets — seen through the real informers: the sandbox Kubernetes API runs as its own
// process, is stopped with SIGSTOP (its connections stay open, nothing is refused), then resumed.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@/sandbox/kube-api/test-helpers';
import { checkClusters } from './check-clusters';
import { type CacheChange, ClusterCache } from './cluster-cache';
import { createKubeRuntime, loadClusterTargets } from './kube-runtime';
import { parseConfig } from '@/lib/config/get-config';
import { freePort } from '@/lib/testing/free-port';

let dir = '';
let server: ChildProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-silent-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  // node itself, not the tsx launcher: signals must reach the server process.
  server = spawn(process.execPath, ['--import', 'tsx', 'sandbox/kube-api/main.ts', '--port', String(await freePort()), '--kubeconfig', kubeconfig, '--clusters', 'stage,production'], {
    cwd: process.cwd(),
    stdio: 'ignore',
  });
  await waitFor(() => fs.existsSync(kubeconfig), { timeoutMs: 30_000, what: 'the sandbox kube API to write its kubeconfig' });
}, 60_000);

afterAll(() => {
  if (server?.exitCode === null) {
    server.kill('SIGCONT');
    server.kill('SIGKILL');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

it('reports a stopped API server unreachable within the bound, and recovers by itself when it answers again', async () => {
  const config = parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: dir, KUBECONFIG: path.join(dir, 'kubeconfig'), BERTH_SANDBOX: '1' }, dir);
  // The product's defaults: a probe every 3 s, 6 s to answer.
  const runtime = createKubeRuntime(loadClusterTargets(config));
  try {
    const cache = runtime.cluster('stage') as ClusterCache;
    expect(cache).toBeInstanceOf(ClusterCache);
    await waitFor(() => cache.state().reachability === 'reachable', { timeoutMs: 30_000, what: 'the first sync' });
    const changes: CacheChange[] = [];
    cache.onChange((change) => changes.push(change));
    const bound = 3_000 + 6_000;

    const stoppedAt = Date.now();
    server.kill('SIGSTOP');
    const unreachable = await waitFor(() => (cache.state().reachability === 'unreachable' ? cache.state() : undefined), {
      timeoutMs: bound + 10_000,
      intervalMs: 100,
      what: 'the silent cluster to be reported unreachable',
    });
    const detectedAfter = Date.now() - stoppedAt;
    expect(detectedAfter).toBeLessThanOrEqual(bound + 1_000);
    expect(unreachable.error).toMatch(/no answer from the API server within 6 s/);
    // "Since" is when it stopped answering: no earlier than one probe interval before the stop.
    expect(unreachable.unreachableSince).toBeGreaterThanOrEqual(stoppedAt - 3_000);
    expect(unreachable.unreachableSince).toBeLessThanOrEqual(stoppedAt + bound);
    expect(changes).toContainEqual({ cluster: true });
    const [stage] = await checkClusters({ runtime });
    expect(stage).toMatchObject({ environment: 'stage', reachability: 'unreachable', unreachableSince: new Date(unreachable.unreachableSince!).toISOString() });

    const resumedAt = Date.now();
    server.kill('SIGCONT');
    const back = await waitFor(() => (cache.state().reachability === 'reachable' ? cache.state() : undefined), {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'the cluster to be reachable again',
    });
    expect(back.unreachableSince).toBeUndefined();
    expect(back.lastSyncAt).toBeGreaterThanOrEqual(resumedAt);
    // Every kind was listed again from scratch (watches from before the silence are not trusted).
    expect(Object.values(cache.stats()).every((kind) => kind.lists >= 2)).toBe(true);
  } finally {
    await runtime.close();
  }
}, 90_000);

