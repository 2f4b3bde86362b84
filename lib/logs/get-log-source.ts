import 'server-only';
// The process's one LogSource, picked by LOG_SOURCE: Cloud Logging (production) or the clusters'
// pod logs (the embedded default). Created on first use and kept on globalThis, so every route
// handler (and Next's separately bundled route modules) shares one set of gRPC channels and
// Kubernetes clients.
import { KubeConfig } from '@kubernetes/client-node';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Environment } from '@/lib/catalog/types';
import { type BerthConfig, getConfig } from '@/lib/config/get-config';
import { CloudLoggingSource } from './cloud-logging-source';
import { KubernetesSource } from './kubernetes-source';
import type { LogQuery } from './log-entry';
import { type LogSource, LogSourceError } from './log-source';

export type LogSourceKind = BerthConfig['LOG_SOURCE'];

export interface CreateLogSourceOptions {
  /** The catalog's environments as they are now (each has its GCP project). */
  environments: () => readonly Pick<Environment, 'name' | 'project'>[];
  /** Per-call deadline handed to the source (defaults: the sources' own, 10 s). */
  timeoutMs?: number;
}

/** A new LogSource for a configuration; `getLogSource()` keeps one per process. */
export function createLogSource(config: BerthConfig, options: CreateLogSourceOptions): LogSource {
  if (config.LOG_SOURCE === 'cloud-logging') {
    return new CloudLoggingSource({
      projectId: (q: LogQuery) => projectOf(q, options.environments()),
      // Unset in production: logging.googleapis.com with the pod's Workload Identity.
      endpoint: config.CLOUD_LOGGING_ENDPOINT,
      timeoutMs: options.timeoutMs,
    });
  }
  const kubeConfig = loadKubeConfig(config);
  const contexts: Record<string, string> = { stage: config.KUBE_CONTEXT_STAGE, production: config.KUBE_CONTEXT_PRODUCTION };
  const known = new Set(kubeConfig.getContexts().map((c) => c.name));
  return new KubernetesSource(kubeConfig, {
    // In a cluster there is one context, the cluster Berth runs in: the source's own rule picks it.
    contextFor: (q) => (config.KUBE_IN_CLUSTER && !known.has(contexts[q.environment] ?? '') ? undefined : contexts[q.environment]),
    timeoutMs: options.timeoutMs,
  });
}

function projectOf(q: LogQuery, environments: readonly Pick<Environment, 'name' | 'project'>[]): string {
  const environment = environments.find((e) => e.name === q.environment);
  if (!environment) {
    throw new LogSourceError('invalid-query', `Berth does not know the GCP project of environment ${q.environment}: it is not in environments.yaml.`);
  }
  return environment.project;
}

function loadKubeConfig(config: BerthConfig): KubeConfig {
  const kubeConfig = new KubeConfig();
  try {
    if (config.KUBE_IN_CLUSTER) kubeConfig.loadFromCluster();
    else kubeConfig.loadFromFile(config.kubeconfigPath);
  } catch (error) {
    const where = config.KUBE_IN_CLUSTER ? 'the in-cluster service account' : `the kubeconfig at ${config.kubeconfigPath}`;
    throw new LogSourceError('unavailable', `Berth could not read ${where}, so it cannot reach the clusters' pod logs. Tell the platform team.`, {
      cause: error,
    });
  }
  return kubeConfig;
}

interface LogSourceHolder {
  source?: LogSource;
  environments: readonly Pick<Environment, 'name' | 'project'>[];
}

const holderKey = Symbol.for('berth.logs.source');
type GlobalWithHolder = typeof globalThis & { [holderKey]?: LogSourceHolder };

function holder(): LogSourceHolder {
  const g = globalThis as GlobalWithHolder;
  g[holderKey] ??= { environments: [] };
  return g[holderKey];
}

/**
 * The process's LogSource. Each call refreshes the environments from the catalog (cached per
 * revision), so a project added to environments.yaml is used without a restart. A source that
 * could not be created (no kubeconfig yet) is not kept: the next call tries again.
 */
export async function getLogSource(): Promise<LogSource> {
  const state = holder();
  state.environments = (await loadCatalog()).environments;
  if (!state.source) {
    const config = getConfig();
    state.source = createLogSource(config, { environments: () => state.environments });
  }
  return state.source;
}

/** Which backend the logs come from (the viewer explains "previous container" differently). */
export function logSourceKind(): LogSourceKind {
  return getConfig().LOG_SOURCE;
}

/** For tests: forget the process's source (closing Cloud Logging channels). */
export async function resetLogSourceForTests(): Promise<void> {
  const state = holder();
  const source = state.source;
  state.source = undefined;
  if (source instanceof CloudLoggingSource) await source.close();
}
