// The edge Envoy's routes as the sample company configured them: one per app whose migration.yaml
// names a cutover target. Finished moves are pinned in the bootstrap's static runtime layer
// (100 = all traffic to GKE); a running cutover's share is in the admin layer, where its last
// /runtime_modify put it; a deprovisioned Aptible app's cluster has no host left.
import type { AppMigration } from '@/lib/migration/read-migrations';
import { isAtLeast } from '@/lib/migration/migration-file';
import type { EdgeRoute } from './edge-proxy';

export function routesFromMigrations(migrations: AppMigration[]): EdgeRoute[] {
  const routes: EdgeRoute[] = [];
  for (const entry of migrations) {
    if (entry.status !== 'ok' || !entry.migration.cutover) continue;
    const { migration } = entry;
    const target = migration.cutover!;
    routes.push({
      app: entry.app,
      runtimeKey: target.runtimeKey,
      aptibleCluster: target.clusters.aptible,
      gkeCluster: target.clusters.gke,
      staticShare: isAtLeast(migration.state, 'gke-100') ? 100 : 0,
      adminShare: migration.state === 'cutover' ? migration.gkeShare : undefined,
      aptibleGone: migration.state === 'aptible-deprovisioned',
    });
  }
  return routes;
}
