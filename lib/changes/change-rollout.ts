import 'server-only';
// "Is it in production yet?" on a merged change request: for each environment the request's file
// is read by, whether the pods run a config revision that contains the merge commit. Reads the
// same informer caches as the status page (lib/kube) — no API call per view.
import type { BerthUser } from '@/lib/auth/user';
import type { EnvironmentName } from '@/lib/catalog/app-name';
import { commitRecord } from '@/lib/gitops/commit-records';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { shortRevision } from '@/lib/gitops/short-revision';
import { getAppStatus, type StatusDeps } from '@/lib/kube/get-app-status';
import { plural } from '@/lib/text/plural';
import type { ChangeRequest } from './change-request';

export type ChangeRolloutState = 'live' | 'rolling-out' | 'waiting' | 'unknown';

export interface ChangeRollout {
  environment: string;
  state: ChangeRolloutState;
  /** Plain words, e.g. "Live in production: every pod runs 3f2a1bc, which includes this change." */
  message: string;
}

/** How far back from the head a running revision is looked for. */
const WALK_LIMIT = 2_000;

/** Positions of the first-parent commits from the head (0 = head) until `stopAt` is found. */
async function positions(repo: ConfigRepo, head: string, stopAt: string[]): Promise<Map<string, number>> {
  const order = new Map<string, number>();
  const wanted = new Set(stopAt);
  let next: string | undefined = head;
  while (next && order.size < WALK_LIMIT) {
    order.set(next, order.size);
    wanted.delete(next);
    if (wanted.size === 0) break;
    next = (await commitRecord(repo, next)).parent;
  }
  return order;
}

/** The rollout of a merged request in each environment its file is read by; [] before the merge. */
export async function getChangeRollout(user: BerthUser, change: ChangeRequest, deps: StatusDeps = {}): Promise<ChangeRollout[]> {
  const merged = change.mergedRevision;
  if (change.status !== 'merged' || !merged) return [];
  const repo = deps.repo ?? getConfigRepo();
  return Promise.all(
    change.environments.map(async (environment): Promise<ChangeRollout> => {
      const found = await getAppStatus(user, change.app, environment as EnvironmentName, deps);
      if (!found.ok) return { environment, state: 'unknown', message: found.error.message };
      const status = found.data;
      if (status.cluster.reachability !== 'reachable') {
        return { environment, state: 'unknown', message: `Berth cannot see the ${environment} cluster right now (${status.cluster.reachability}), so it cannot tell whether this change runs there.` };
      }
      const deployments = status.deployments;
      if (deployments.length === 0) return { environment, state: 'unknown', message: `Nothing of ${change.app} runs in ${environment}.` };
      const running = [...new Set(deployments.map((d) => d.configRevision).filter((r): r is string => !!r))];
      const order = await positions(repo, await headRevision(repo), [merged, ...running]);
      const mergedAt = order.get(merged);
      if (mergedAt === undefined) return { environment, state: 'unknown', message: `The merge commit ${shortRevision(merged)} is no longer on the branch.` };
      // A running revision at or after the merge (closer to the head) contains it.
      const contains = (revision: string | undefined) => revision !== undefined && (order.get(revision) ?? Infinity) <= mergedAt;
      const withIt = deployments.filter((d) => contains(d.configRevision));
      if (withIt.length === 0) {
        return {
          environment,
          state: 'waiting',
          message: `Not in ${environment} yet: its pods run ${running.map(shortRevision).join(', ') || 'a revision Berth cannot read'}. CI/CD deploys ${shortRevision(merged)} within minutes; if it stays like this, the deploy failed (see the app's timeline).`,
        };
      }
      const rolling = deployments.filter((d) => !contains(d.configRevision) || d.rollout.state === 'progressing' || d.rollout.state === 'stuck');
      if (rolling.length > 0) {
        const stuck = rolling.some((d) => d.rollout.state === 'stuck');
        const updated = withIt.reduce((n, d) => n + Math.min(d.updated, d.desired), 0);
        const desired = deployments.reduce((n, d) => n + d.desired, 0);
        return {
          environment,
          state: 'rolling-out',
          message: `${stuck ? 'Rolling out, but stuck: the new pods do not become ready' : 'Rolling out'} in ${environment}: ${updated} of ${plural(desired, 'pod')} run this change.`,
        };
      }
      return { environment, state: 'live', message: `Live in ${environment}: every pod runs ${shortRevision(withIt[0].configRevision!)}, which includes this change.` };
    }),
  );
}
