import 'server-only';
// getAppStatus(app, env): answered from the informer caches only (no API call per request), plus
// what the config repository says about the revision running ("is my change live").
import type { App, Catalog, EnvironmentName } from '@/lib/catalog/types';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { logger } from '@/lib/logger/logger';
import type { AppStatus, ClusterState } from './app-status';
import type { ClusterCache } from './cluster-cache';
import { findUndeployableValues } from './find-undeployable-values';
import { getRevisionFacts } from './get-revision-facts';
import { getKubeRuntime, type KubeRuntime } from './kube-runtime';
import { type RevisionFacts } from './change-liveness';
import { ANNOTATION_CONFIG_REVISION, type AppObjects, LABEL_INSTANCE } from './chart-labels';
import { summarizeAppStatus } from './summarize-app-status';
import type { BerthUser } from '@/lib/auth/user';
import { viewApp } from '@/lib/catalog/view-app';
import { fail, ok, type Result } from '@/lib/result/result';
import { withoutAddresses } from '@/lib/text/without-addresses';

export interface StatusDeps {
  runtime?: KubeRuntime;
  repo?: ConfigRepo;
  now?: () => number;
}

export const NO_OBJECTS: AppObjects = { deployments: [], replicaSets: [], pods: [], disruptionBudgets: [], events: [] };

/** The cluster of an environment as the status page describes it, and its cache when there is one. */
export function clusterOf(runtime: KubeRuntime, catalog: Catalog, environment: EnvironmentName): { state: ClusterState; cache?: ClusterCache } {
  const target = runtime.target(environment);
  const name = catalog.environments.find((e) => e.name === environment)?.cluster ?? environment;
  const base = { name, context: target.context, sandbox: target.sandbox };
  if ('error' in target) return { state: { ...base, reachability: 'not-configured', error: withoutAddresses(target.error) } };
  const cache = runtime.cluster(environment);
  if (!cache) return { state: { ...base, reachability: 'not-configured' } };
  const s = cache.state();
  const state: ClusterState = { ...base, reachability: s.reachability };
  if (s.lastSyncAt !== undefined) state.lastSyncAt = new Date(s.lastSyncAt).toISOString();
  if (s.unreachableSince !== undefined) state.unreachableSince = new Date(s.unreachableSince).toISOString();
  if (s.error) state.error = s.error;
  return { state, cache };
}

export function runningRevisions(objects: AppObjects, app: App): string[] {
  const revisions = objects.deployments
    .filter((d) => d.metadata?.namespace === app.namespace && d.metadata?.labels?.[LABEL_INSTANCE] === app.name)
    .map((d) => d.spec?.template?.metadata?.annotations?.[ANNOTATION_CONFIG_REVISION])
    .filter((r): r is string => !!r);
  return [...new Set(revisions)];
}

/** Builds the status of an app already found in the catalog. */
export async function statusOf(app: App, environment: EnvironmentName, catalog: Catalog, deps: StatusDeps = {}): Promise<AppStatus> {
  const runtime = deps.runtime ?? getKubeRuntime();
  const repo = deps.repo ?? getConfigRepo();
  const { state, cache } = clusterOf(runtime, catalog, environment);
  const objects = cache ? cache.objectsFor(app.name, app.namespace) : NO_OBJECTS;
  let revisions: RevisionFacts | undefined;
  try {
    revisions = await getRevisionFacts(repo, app, environment, runningRevisions(objects, app), catalog.revision);
    // Behind: will the pipeline deploy the newest values at all? (Checked once per head.)
    if (revisions && Object.values(revisions.behind).some((n) => n !== null && n > 0)) {
      const undeployable = await findUndeployableValues(repo, catalog, app, environment, catalog.revision);
      if (undeployable) revisions = { ...revisions, undeployable };
    }
  } catch (error) {
    logger.warn({ err: error, app: app.name, environment }, 'could not compare the running revision with the config repository');
  }
  return summarizeAppStatus({ app: app.name, environment, namespace: app.namespace, cluster: state, objects, revisions }, (deps.now ?? Date.now)());
}

/** One app's status in one environment, for a person who may see the app. */
export async function getAppStatus(user: BerthUser | null, appName: string, environment: EnvironmentName, deps: StatusDeps = {}): Promise<Result<AppStatus, never>> {
  const found = await viewApp(user, appName, deps);
  if (!found.ok) return found;
  const { app, catalog } = found.data;
  if (!app.environments.includes(environment)) return fail('not-found', `${appName} does not run in ${environment}.`);
  return ok(await statusOf(app, environment, catalog, deps));
}
