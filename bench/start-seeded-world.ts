// A sandbox Kubernetes API (clusters stage and production) holding a steady-state company of
// `pods` pods, and Berth's informer caches (lib/kube) synced against it, all in this process.
import path from 'node:path';
import { ENVIRONMENT_NAMES } from '@/lib/catalog/app-name';
import { parseConfig } from '@/lib/config/get-config';
import { createKubeRuntime, type KubeRuntime, loadClusterTargets } from '@/lib/kube/kube-runtime';
import { createRandom } from '@/sandbox/kube-api/random';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { onCleanup } from './cleanup';
import { settledHeap } from './measure';
import type { DesiredState } from './render-desired-state';
import { planReplicas, type SeededPod, seedCluster } from './seed-cluster';

export interface SeededWorld {
  kube: KubeApiServer;
  runtime: KubeRuntime;
  kubeconfig: string;
  pods: SeededPod[];
  events: number;
  /** Pods per "<app>/<env>". */
  podsPerApp: Map<string, number>;
  /** Heap the informer caches added, measured around their first sync (bytes). */
  cacheHeapBytes: number;
  syncMs: number;
  seedMs: number;
  close(): Promise<void>;
}

export interface SeededWorldOptions {
  desired: DesiredState;
  pods: number;
  /** Apps that keep the replicas their values ask for (the rest share the remaining pods). */
  fixedApps: Set<string>;
  /** Apps left out of the seed (a simulator runs them instead). */
  skipApps?: Set<string>;
  dataDir: string;
  seed: string;
}

export async function startSeededWorld(options: SeededWorldOptions): Promise<SeededWorld> {
  const kube = await startKubeApiServer({ clusters: [...ENVIRONMENT_NAMES], seed: options.seed });
  const closeKube = onCleanup('sandbox kube-api', () => kube.close());
  // The controllers would reconcile (and re-list) every seeded object; the seed is the steady state.
  for (const cluster of kube.clusters) kube.simulator(cluster).close();

  const random = createRandom(options.seed);
  // `pods` are seeded; apps left to a simulator come on top.
  const seeded = Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, options.desired[env].filter((app) => !options.skipApps?.has(app.app))]));
  const replicas = planReplicas(seeded, options.pods, options.fixedApps, random);
  const seedStarted = performance.now();
  const pods: SeededPod[] = [];
  let events = 0;
  const podsPerApp = new Map<string, number>();
  for (const cluster of ENVIRONMENT_NAMES) {
    const result = seedCluster(kube.store(cluster), cluster, seeded[cluster], replicas(cluster), random);
    pods.push(...result.pods);
    events += result.events;
    for (const pod of result.pods) podsPerApp.set(`${pod.app}/${cluster}`, (podsPerApp.get(`${pod.app}/${cluster}`) ?? 0) + 1);
  }
  const seedMs = performance.now() - seedStarted;

  const kubeconfig = path.join(options.dataDir, `kubeconfig-${options.seed}`);
  await kube.writeKubeconfig(kubeconfig);
  const config = parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: options.dataDir, KUBECONFIG: kubeconfig, BERTH_SANDBOX: '1' }, options.dataDir);

  const heapBefore = settledHeap();
  const syncStarted = performance.now();
  const runtime = createKubeRuntime(loadClusterTargets(config), { probeIntervalMs: 0 });
  const closeRuntime = onCleanup('informers', () => runtime.close());
  const synced = await Promise.all(ENVIRONMENT_NAMES.map((env) => runtime.cluster(env)!.waitForSync(180_000)));
  if (!synced.every(Boolean)) throw new Error('the informers did not sync within 3 minutes');
  const syncMs = performance.now() - syncStarted;
  const cacheHeapBytes = settledHeap() - heapBefore;

  return {
    kube,
    runtime,
    kubeconfig,
    pods,
    events,
    podsPerApp,
    cacheHeapBytes,
    syncMs,
    seedMs,
    async close() {
      await closeRuntime();
      await closeKube();
    },
  };
}
