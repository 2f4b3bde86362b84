import 'server-only';
// One verdict per app and environment for the apps list, from the caches only (no git, no API
// call), for the apps the person may see.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import type { StatusSummary, StatusSummaryEntry } from './app-status';
import { clusterOf, type StatusDeps } from './get-app-status';
import { getKubeRuntime } from './kube-runtime';
import { summarizeAppStatus } from './summarize-app-status';

export async function getStatusSummary(user: BerthUser | null, deps: StatusDeps = {}): Promise<StatusSummary> {
  const runtime = deps.runtime ?? getKubeRuntime();
  const catalog = await loadCatalog(deps.repo ?? getConfigRepo());
  const visible = catalog.apps.filter((app) => decide(user, 'app.view', { app }).allowed);
  const now = (deps.now ?? Date.now)();
  const entries: StatusSummaryEntry[] = [];
  for (const environment of catalog.environments) {
    const { state, cache } = clusterOf(runtime, catalog, environment.name);
    for (const app of visible) {
      if (!app.environments.includes(environment.name)) continue;
      const objects = cache?.objectsFor(app.name, app.namespace) ?? { deployments: [], replicaSets: [], pods: [], disruptionBudgets: [], events: [] };
      const { health } = summarizeAppStatus({ app: app.name, environment: environment.name, namespace: app.namespace, cluster: state, objects }, now);
      entries.push({ app: app.name, environment: environment.name, verdict: health.verdict, title: health.title });
    }
  }
  return { generatedAt: new Date(now).toISOString(), entries };
}
