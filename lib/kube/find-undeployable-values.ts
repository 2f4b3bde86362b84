import 'server-only';
// Will CI/CD deploy the newest values of an app in an environment? Not when they fail the chart's
// validation: the pipeline (the sandbox deployer here, deploy-config-repo.ts) skips such a commit
// and the environment keeps running what it ran. Berth checks the same way, so the status says
// "will not deploy" instead of "CI/CD deploys it within minutes" for as long as it stays.
import type { Catalog, EnvironmentName } from '@/lib/catalog/types';
import type { App } from '@/lib/catalog/types';
import { remember } from '@/lib/gitops/commit-records';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { validateValues } from '@/lib/values';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import type { UndeployableValues } from './change-liveness';
import { configFilesFor } from './config-files';

const checked = new Map<string, Promise<UndeployableValues | undefined>>();

/** The first validation error of the values at `head`, or undefined when they would deploy. */
export function findUndeployableValues(repo: ConfigRepo, catalog: Catalog, app: App, environment: EnvironmentName, head: string): Promise<UndeployableValues | undefined> {
  return remember(checked, `${repo.dir}|${head}|${app.name}|${environment}`, 1_000, async () => {
    const context = await loadValuesContext(repo, app, environment, head);
    const environments = catalog.environments.map((e) => ({ name: e.name, project: e.project }));
    const validation = validateValues({ schema: context.schema, layers: context.layers, environment, environments });
    if (validation.ok && validation.merged) return undefined;
    const errors = validation.problems.filter((p) => p.severity === 'error');
    const first = errors[0];
    return {
      problem: first ? `${first.file}:${first.line}: ${first.message}` : 'the values do not validate',
      problems: errors.length,
      ...(first ? { file: first.file, line: first.line } : {}),
    };
  });
}

export interface UndeployableCommit {
  environment: EnvironmentName;
  problem: string;
}

/** How many of the newest commits the timeline and history check (each is one validation, remembered). */
const CHECKED_COMMITS = 10;

/**
 * For the newest commits of an app (newest first, with the files each changed): the environments
 * each will not deploy to because its values fail validation there. Only environments whose files
 * the commit changed are named: a production-only commit says nothing about stage.
 */
export async function findUndeployableCommits(
  input: { app: App; commits: { revision: string; files: string[] }[]; environments?: EnvironmentName[] },
  deps: { repo?: ConfigRepo; catalog?: Catalog } = {},
): Promise<Map<string, UndeployableCommit[]>> {
  const { app, commits, environments = app.environments } = input;
  const repo = deps.repo ?? getConfigRepo();
  const catalog = deps.catalog ?? (await loadCatalog(repo));
  const found = new Map<string, UndeployableCommit[]>();
  for (const commit of commits.slice(0, CHECKED_COMMITS)) {
    for (const environment of environments) {
      const paths = configFilesFor(app, environment);
      if (!commit.files.some((f) => paths.includes(f))) continue;
      const undeployable = await findUndeployableValues(repo, catalog, app, environment, commit.revision).catch(() => undefined);
      if (!undeployable) continue;
      found.set(commit.revision, [...(found.get(commit.revision) ?? []), { environment, problem: undeployable.problem }]);
    }
  }
  return found;
}
