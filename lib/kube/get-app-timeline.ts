import 'server-only';
// An app's timeline in one environment: commits from the config repository (remembered per
// commit, so a long history costs nothing per request) and the cluster's objects from the
// informer caches. A cluster that cannot be reached still gives the commits, and says so.
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Catalog, EnvironmentName } from '@/lib/catalog/types';
import { withApprovals } from '@/lib/changes/commit-approvals';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { history } from '@/lib/gitops/history';
import type { ClusterState } from './app-status';
import { buildTimeline, type TimelineEntry } from './app-timeline';
import { configFilesFor } from './config-files';
import { findUndeployableCommits } from './find-undeployable-values';
import { clusterOf, NO_OBJECTS, type StatusDeps } from './get-app-status';
import { getKubeRuntime } from './kube-runtime';

export interface AppTimeline {
  entries: TimelineEntry[];
  cluster: ClusterState;
  since: string;
}

/** How many commits of the app are looked at, newest first, before the time window cuts them. */
const MAX_COMMITS = 200;

/** `since` is a time in milliseconds: older entries are left out. */
export async function getAppTimeline(
  input: { app: App; environment: EnvironmentName; since: number },
  deps: StatusDeps & { db?: BerthDb; catalog?: Catalog } = {},
): Promise<AppTimeline> {
  const { app, environment, since } = input;
  const runtime = deps.runtime ?? getKubeRuntime();
  const repo = deps.repo ?? getConfigRepo();
  const catalog = deps.catalog ?? (await loadCatalog(repo));
  const { state, cache } = clusterOf(runtime, catalog, environment);
  const objects = cache ? cache.objectsFor(app.name, app.namespace) : NO_OBJECTS;
  const paths = [`apps/${app.name}/app.yaml`, ...configFilesFor(app, environment)];
  // Approvals come from Berth's change requests, never from the commits' text.
  const commits = await withApprovals(deps.db ?? (await getDb()), await history(repo, { paths, from: catalog.revision, limit: MAX_COMMITS }));
  const entries = buildTimeline({ app: app.name, namespace: app.namespace, objects, commits, since });
  // A commit whose values do not validate here is skipped by CI/CD: the timeline says so.
  const undeployable = await findUndeployableCommits({ app, commits, environments: [environment] }, { repo, catalog });
  const marked = entries.map((e) => (e.kind === 'commit' && undeployable.has(e.revision) ? { ...e, undeployable: undeployable.get(e.revision)![0].problem } : e));
  return { entries: marked, cluster: state, since: new Date(since).toISOString() };
}
