import 'server-only';
import { checkDatabase } from '@/lib/db/check-db';
import { getConfig } from '@/lib/config/get-config';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { cloneProblem } from '@/lib/gitops/heal-clone';
import { headRevision } from '@/lib/gitops/read-repo';
import { checkClusters } from '@/lib/kube/check-clusters';
import { checkLogBackend } from '@/lib/logs/check-log-backend';
import { withoutAddresses } from '@/lib/text/without-addresses';

// 'degraded': Berth still serves (a cluster it cannot reach shows as unreachable on the status
// pages), so it does not fail readiness — taking every replica out of rotation would not help.
export type DependencyStatus =
  | { status: 'ok'; detail?: string }
  | { status: 'degraded'; error: string; detail?: string }
  | { status: 'down'; error: string };

export interface ReadinessReport {
  status: 'ok' | 'down';
  checks: Record<string, DependencyStatus>;
}

type Check = () => Promise<DependencyStatus>;

// Each domain adds its dependency here as it lands (config repository, clusters, log backend).
const checks: Record<string, Check> = {
  database: async () => {
    const result = await checkDatabase();
    return result.ok ? { status: 'ok', detail: result.dialect } : { status: 'down', error: result.error };
  },
  configRepository: async () => {
    const repo = getConfigRepo();
    const remote = getConfig().CONFIG_REPO_REMOTE;
    const problem = await cloneProblem(repo, remote ? { url: remote } : undefined);
    if (problem) {
      const since = problem.since ? ` (since ${problem.since})` : '';
      return { status: 'down', error: `cannot be read${since}: ${problem.reason}; saves, approvals and the app pages are refused until it is repaired` };
    }
    return { status: 'ok', detail: (await headRevision(repo)).slice(0, 7) };
  },
  logBackend: checkLogBackend,
};

// One check per cluster ("cluster:stage"): reachable with its last full sync, or why not.
async function clusterChecks(): Promise<[string, DependencyStatus][]> {
  try {
    const clusters = await checkClusters();
    return clusters.map((c): [string, DependencyStatus] => {
      const name = `cluster:${c.environment}`;
      if (c.reachability === 'reachable') return [name, { status: 'ok', detail: `reachable (context ${c.context}), synced ${c.lastSyncAt ?? 'now'}` }];
      if (c.reachability === 'connecting') return [name, { status: 'degraded', error: `connecting (context ${c.context}): the caches have not synced yet` }];
      if (c.reachability === 'not-configured') return [name, { status: 'degraded', error: `not configured: ${c.error ?? 'no credentials'}` }];
      const since = c.unreachableSince ? ` since ${c.unreachableSince}` : '';
      const data = c.lastSyncAt ? `; last good data from ${c.unreachableSince ?? c.lastSyncAt}` : '';
      return [name, { status: 'degraded', error: `unreachable${since}: ${c.error ?? 'no answer'}`, ...(data ? { detail: `context ${c.context}${data}` } : {}) }];
    });
  } catch (error) {
    return [['clusters', { status: 'degraded', error: error instanceof Error ? error.message : String(error) }]];
  }
}

export async function checkReadiness(): Promise<ReadinessReport> {
  const [entries, clusters] = await Promise.all([
    Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch (error) {
          return [name, { status: 'down', error: error instanceof Error ? error.message : String(error) } as DependencyStatus] as const;
        }
      }),
    ),
    clusterChecks(),
  ]);
  // /api/readyz answers without an identity: no dependency's address in what it says.
  const all = [...entries, ...clusters].map(([name, result]): [string, DependencyStatus] => [name, 'error' in result ? { ...result, error: withoutAddresses(result.error) } : result]);
  const results = Object.fromEntries(all);
  return { status: all.every(([, r]) => r.status !== 'down') ? 'ok' : 'down', checks: results };
}
