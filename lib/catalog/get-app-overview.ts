import 'server-only';
import { countOpenChanges } from '@/lib/changes/change-repository';
import { type CommitApproval, withApprovals } from '@/lib/changes/commit-approvals';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { type CommitSummary, history } from '@/lib/gitops/history';
import { readFile } from '@/lib/gitops/read-repo';
import { loadCatalog } from './load-catalog';
import type { App, Catalog, Environment, Team } from './types';

export interface AppOverview {
  app: App;
  team: Team | undefined;
  environments: Environment[];
  revision: string;
  files: { path: string; label: string; text: string | null }[];
  /** The app's latest commits, with the approval Berth recorded for each (never read from the message). */
  commits: (CommitSummary & { approval?: CommitApproval })[];
  /** Change requests of the app not yet merged, rejected or withdrawn. */
  openChanges: number;
}

/** Everything the app page shows from the config repository, read at one revision. */
export async function getAppOverview(name: string, deps: { repo?: ConfigRepo; db?: BerthDb; catalog?: Catalog } = {}): Promise<AppOverview | null> {
  const repo = deps.repo ?? getConfigRepo();
  const catalog = deps.catalog ?? (await loadCatalog(repo));
  const app = catalog.apps.find((a) => a.name === name);
  if (!app) return null;
  const db = deps.db ?? (await getDb());
  const paths = [
    { path: app.files.shared, label: 'values.yaml (every environment)' },
    ...app.environments.map((env) => ({ path: app.files.byEnvironment[env] ?? '', label: `values-${env}.yaml` })),
  ].filter((f) => f.path);
  const [files, commits, openChanges] = await Promise.all([
    Promise.all(paths.map(async (f) => ({ ...f, text: await readFile(repo, f.path, catalog.revision) }))),
    history(repo, { paths: [`apps/${app.name}/app.yaml`, ...paths.map((f) => f.path)], limit: 10, from: catalog.revision }),
    countOpenChanges(db, app.name),
  ]);
  return {
    app,
    team: catalog.teams.find((t) => t.id === app.team),
    environments: catalog.environments.filter((e) => app.environments.includes(e.name)),
    revision: catalog.revision,
    files,
    commits: await withApprovals(db, commits),
    openChanges,
  };
}
