import 'server-only';
import { type CommitApproval, withApprovals } from '@/lib/changes/commit-approvals';
import { getDb } from '@/lib/db/get-db';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { type CommitSummary, history } from '@/lib/gitops/history';
import { readFile } from '@/lib/gitops/read-repo';
import { loadCatalog } from './load-catalog';
import type { App, Environment, Team } from './types';

export interface AppOverview {
  app: App;
  team: Team | undefined;
  environments: Environment[];
  revision: string;
  files: { path: string; label: string; text: string | null }[];
  /** The app's latest commits, with the approval Berth recorded for each (never read from the message). */
  commits: (CommitSummary & { approval?: CommitApproval })[];
}

/** Everything the app page shows from the config repository, read at one revision. */
export async function getAppOverview(name: string): Promise<AppOverview | null> {
  const catalog = await loadCatalog();
  const app = catalog.apps.find((a) => a.name === name);
  if (!app) return null;
  const repo = getConfigRepo();
  const paths = [
    { path: app.files.shared, label: 'values.yaml (every environment)' },
    ...app.environments.map((env) => ({ path: app.files.byEnvironment[env] ?? '', label: `values-${env}.yaml` })),
  ].filter((f) => f.path);
  const [files, commits] = await Promise.all([
    Promise.all(paths.map(async (f) => ({ ...f, text: await readFile(repo, f.path, catalog.revision) }))),
    history(repo, { paths: [`apps/${app.name}/app.yaml`, ...paths.map((f) => f.path)], limit: 10, from: catalog.revision }),
  ]);
  return {
    app,
    team: catalog.teams.find((t) => t.id === app.team),
    environments: catalog.environments.filter((e) => app.environments.includes(e.name)),
    revision: catalog.revision,
    files,
    commits: await withApprovals(await getDb(), commits),
  };
}
