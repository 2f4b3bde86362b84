import 'server-only';
// Readiness of each cluster: reachable with its last sync, or why not. Waits briefly for the first
// sync so a freshly started Berth reports its clusters instead of "connecting"; never waits
// on a cluster that is known to be unreachable.
import { ENVIRONMENT_NAMES, type EnvironmentName } from '@/lib/catalog/app-name';
import type { ClusterReachability } from './app-status';
import { getKubeRuntime, type KubeRuntime } from './kube-runtime';

export interface ClusterCheck {
  environment: EnvironmentName;
  context: string;
  reachability: ClusterReachability;
  lastSyncAt?: string;
  unreachableSince?: string;
  error?: string;
}

export async function checkClusters(options: { runtime?: KubeRuntime; waitMs?: number } = {}): Promise<ClusterCheck[]> {
  const runtime = options.runtime ?? getKubeRuntime();
  return Promise.all(
    ENVIRONMENT_NAMES.map(async (environment): Promise<ClusterCheck> => {
      const target = runtime.target(environment);
      if ('error' in target) return { environment, context: target.context, reachability: 'not-configured', error: target.error };
      const cache = runtime.cluster(environment);
      if (!cache) return { environment, context: target.context, reachability: 'not-configured' };
      // Only a cache that has never synced is worth waiting for: probes have short timeouts.
      if (cache.state().reachability === 'connecting') await cache.waitForSync(options.waitMs ?? 2000);
      const state = cache.state();
      const check: ClusterCheck = { environment, context: target.context, reachability: state.reachability };
      if (state.lastSyncAt !== undefined) check.lastSyncAt = new Date(state.lastSyncAt).toISOString();
      if (state.unreachableSince !== undefined) check.unreachableSince = new Date(state.unreachableSince).toISOString();
      if (state.error) check.error = state.error;
      return check;
    }),
  );
}
