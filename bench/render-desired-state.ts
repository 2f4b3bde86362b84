// What each environment's cluster should run for a config repository, rendered the way the
// sandbox deployer renders it (merged, validated values → the chart's DesiredApp), stamped with
// the revision CI/CD would have deployed. The deployer itself is not used: it looks the revision
// up with one full-history walk per app and environment, minutes on a 5,000-commit repository.
import { parse } from 'yaml';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { validateValues } from '@/lib/values';
import { renderDesiredApp } from '@/sandbox/deployer/render-desired-app';
import type { DesiredApp } from '@/sandbox/kube-api/desired-state';

export type DesiredState = Record<EnvironmentName, DesiredApp[]>;

export async function renderDesiredState(repo: ConfigRepo, revisionOf: (app: string, environment: EnvironmentName) => string): Promise<DesiredState> {
  const head = await headRevision(repo);
  const catalog = await loadCatalog(repo);
  const chartFile = parse((await readFile(repo, 'chart/Chart.yaml', head)) ?? '') as { name?: string; version?: string } | null;
  const chart = chartFile?.name ? `${chartFile.name}-${String(chartFile.version)}` : undefined;
  const environments = catalog.environments.map((e) => ({ name: e.name, project: e.project }));
  const state = Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, [] as DesiredApp[]])) as DesiredState;
  for (const environment of ENVIRONMENT_NAMES) {
    for (const app of catalog.apps) {
      if (!app.environments.includes(environment)) continue;
      const context = await loadValuesContext(repo, app, environment, head);
      const validation = validateValues({ schema: context.schema, layers: context.layers, environment, environments });
      if (!validation.ok || !validation.merged) {
        const first = validation.problems.find((p) => p.severity === 'error');
        throw new Error(`${app.name} does not validate in ${environment}: ${first?.file}:${first?.line} ${first?.message}`);
      }
      state[environment].push(renderDesiredApp({ app: app.name, namespace: app.namespace, revision: revisionOf(app.name, environment), chart, values: validation.merged }));
    }
  }
  return state;
}
