// Helpers for the sandbox kube-api tests: condition polling (never fixed sleeps), a cluster on a
// ManualClock, and small desired-state builders.
import { ManualClock } from './clock';
import type { DesiredApp, DesiredDeployment } from './desired-state';
import type { Pod } from './kube-types';
import { LogStore } from './log-store';
import { createRandom } from './random';
import { ClusterSimulator } from './simulator';
import { ClusterStore } from './store';

export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'condition'}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

export interface ManualCluster {
  clock: ManualClock;
  store: ClusterStore;
  logs: LogStore;
  simulator: ClusterSimulator;
  pods(namespace: string): Pod[];
}

export function manualCluster(seed: string, options: { timeScale?: number; istioSidecar?: boolean; historyLimit?: number } = {}): ManualCluster {
  const clock = new ManualClock();
  const random = createRandom(seed);
  const store = new ClusterStore({ cluster: 'stage', clock, random: random.fork('store'), historyLimit: options.historyLimit });
  const logs = new LogStore();
  const simulator = new ClusterSimulator({ cluster: 'stage', store, logs, clock, random: random.fork('simulator'), timeScale: options.timeScale ?? 1, istioSidecar: options.istioSidecar });
  return { clock, store, logs, simulator, pods: (namespace) => store.list('pods', namespace) as Pod[] };
}

export function app(name: string, deployments: (Partial<DesiredDeployment> & { name: string })[], extra: Partial<DesiredApp> = {}): DesiredApp {
  return {
    app: name,
    namespace: name,
    revision: 'rev-1',
    deployments: deployments.map((d) => ({
      replicas: 2,
      image: `us-docker.pkg.dev/meridian-care-artifacts/apps/${name}:1.0.0`,
      env: {},
      secretEnvNames: [],
      maxSurge: 1,
      maxUnavailable: 0,
      ...d,
    })),
    ...extra,
  };
}

export function restartsOf(pod: Pod): number {
  return (pod.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
}
