import 'server-only';
// The clusters Berth watches, one per environment, and their caches: created lazily once per
// process (held on globalThis so every route bundle of the Next server shares them).
//
// Credentials: each environment's kubeconfig context (KUBE_CONTEXT_STAGE / KUBE_CONTEXT_PRODUCTION,
// from KUBECONFIG). With KUBE_IN_CLUSTER=1, an environment whose context is named `in-cluster`
// uses the pod's own service account instead (Berth running inside that cluster).
import fs from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '@/lib/catalog/app-name';
import { type BerthConfig, getConfig } from '@/lib/config/get-config';
import { onShutdown } from '@/lib/lifecycle/shutdown';
import { logger } from '@/lib/logger/logger';
import { ClusterCache, type ClusterCacheOptions } from './cluster-cache';

export const IN_CLUSTER_CONTEXT = 'in-cluster';
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export type ClusterTarget =
  | { environment: EnvironmentName; context: string; kubeConfig: KubeConfig; sandbox: boolean }
  | { environment: EnvironmentName; context: string; error: string; sandbox: boolean };

export interface KubeRuntime {
  /** The cache of an environment's cluster, started on first use; undefined when not configured. */
  cluster(environment: EnvironmentName): ClusterCache | undefined;
  target(environment: EnvironmentName): ClusterTarget;
  /** Subscription hubs of subscribe-app-status (kept here so they share the runtime's lifetime). */
  readonly hubs: Map<string, unknown>;
  close(): Promise<void>;
}

export type KubeRuntimeOptions = Pick<ClusterCacheOptions, 'initialBackoffMs' | 'maxBackoffMs' | 'probeIntervalMs'>;

function contextFor(config: BerthConfig, environment: EnvironmentName): string {
  return environment === 'production' ? config.KUBE_CONTEXT_PRODUCTION : config.KUBE_CONTEXT_STAGE;
}

/** Reads KUBECONFIG (and in-cluster credentials) into one KubeConfig per environment. */
export function loadClusterTargets(config: BerthConfig): ClusterTarget[] {
  let fromFile: KubeConfig | undefined;
  let fileError: string | undefined;
  if (fs.existsSync(config.kubeconfigPath)) {
    try {
      fromFile = new KubeConfig();
      fromFile.loadFromFile(config.kubeconfigPath);
    } catch (error) {
      fromFile = undefined;
      fileError = `${config.kubeconfigPath} cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    fileError = `there is no kubeconfig at ${config.kubeconfigPath}`;
  }
  const sandbox = config.connection === 'sandbox';
  return ENVIRONMENT_NAMES.map((environment): ClusterTarget => {
    const context = contextFor(config, environment);
    if (config.KUBE_IN_CLUSTER && context === IN_CLUSTER_CONTEXT) {
      // client-node does not check this itself: without the mounted token every call would fail.
      if (!fs.existsSync(SERVICE_ACCOUNT_TOKEN)) {
        return { environment, context, error: `in-cluster credentials: no service account token at ${SERVICE_ACCOUNT_TOKEN} (is Berth running in a pod?)`, sandbox };
      }
      try {
        const kubeConfig = new KubeConfig();
        kubeConfig.loadFromCluster();
        return { environment, context, kubeConfig, sandbox };
      } catch (error) {
        return { environment, context, error: `in-cluster credentials: ${error instanceof Error ? error.message : String(error)}`, sandbox };
      }
    }
    if (!fromFile) return { environment, context, error: fileError ?? 'no kubeconfig', sandbox };
    if (!fromFile.getContextObject(context)) return { environment, context, error: `the kubeconfig has no context “${context}”`, sandbox };
    // One KubeConfig per environment: client-node's API clients and watches use the current context.
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(fromFile.exportConfig());
    kubeConfig.setCurrentContext(context);
    return { environment, context, kubeConfig, sandbox };
  });
}

export function createKubeRuntime(targets: ClusterTarget[], options: KubeRuntimeOptions = {}): KubeRuntime {
  const caches = new Map<EnvironmentName, ClusterCache>();
  const byEnvironment = new Map(targets.map((t) => [t.environment, t]));
  const hubs = new Map<string, unknown>();
  return {
    hubs,
    target(environment) {
      const found = byEnvironment.get(environment);
      if (!found) return { environment, context: environment, error: 'no cluster is configured for this environment', sandbox: false };
      return found;
    },
    cluster(environment) {
      let cache = caches.get(environment);
      if (!cache) {
        const target = byEnvironment.get(environment);
        if (!target || !('kubeConfig' in target)) return undefined;
        cache = new ClusterCache({ environment, kubeConfig: target.kubeConfig, logger: logger.child({ component: 'kube' }), ...options });
        caches.set(environment, cache);
      }
      cache.start();
      return cache;
    },
    async close() {
      await Promise.all([...caches.values()].map((c) => c.stop()));
      caches.clear();
    },
  };
}

const holder = globalThis as typeof globalThis & { __berthKubeRuntime?: KubeRuntime };

export function getKubeRuntime(): KubeRuntime {
  if (!holder.__berthKubeRuntime) {
    const runtime = createKubeRuntime(loadClusterTargets(getConfig()));
    holder.__berthKubeRuntime = runtime;
    onShutdown('kubernetes informers', () => runtime.close());
  }
  return holder.__berthKubeRuntime;
}

/** Tests: use this runtime (or, with undefined, close the current one and read the config again). */
export async function setKubeRuntimeForTests(runtime: KubeRuntime | undefined): Promise<void> {
  const previous = holder.__berthKubeRuntime;
  holder.__berthKubeRuntime = runtime;
  if (previous && previous !== runtime) await previous.close();
}
