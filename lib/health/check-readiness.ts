import 'server-only';
import { checkDatabase } from '@/lib/db/check-db';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { checkLogBackend } from '@/lib/logs/check-log-backend';

export type DependencyStatus = { status: 'ok'; detail?: string } | { status: 'down'; error: string };

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
    const revision = await headRevision(getConfigRepo());
    return { status: 'ok', detail: revision.slice(0, 7) };
  },
  logBackend: checkLogBackend,
};

export async function checkReadiness(): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        return [name, await check()] as const;
      } catch (error) {
        return [name, { status: 'down', error: error instanceof Error ? error.message : String(error) } as DependencyStatus] as const;
      }
    }),
  );
  const results = Object.fromEntries(entries);
  return { status: entries.every(([, r]) => r.status === 'ok') ? 'ok' : 'down', checks: results };
}
