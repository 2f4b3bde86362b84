import 'server-only';
// Readiness of the log backend: one small query per environment (the newest line of one app in
// the last minute), answered within a short deadline. The result is kept a few seconds so that
// probes from several places do not each reach the backend.
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Environment } from '@/lib/catalog/types';
import type { DependencyStatus } from '@/lib/health/check-readiness';
import { getLogSource, logSourceKind } from './get-log-source';
import { isLogSourceError, type LogSource } from './log-source';

const DEADLINE_MS = 3_000;
const KEEP_MS = 10_000;

let last: { at: number; result: Promise<DependencyStatus> } | undefined;

export function checkLogBackend(): Promise<DependencyStatus> {
  const now = Date.now();
  if (last && now - last.at < KEEP_MS) return last.result;
  const result = (async () => probeLogBackend(await getLogSource(), await loadCatalog(), logSourceKind()))();
  last = { at: now, result };
  return result;
}

/** Ask the source for one line per environment; `down` names the first environment that failed. */
export interface ProbeCatalog {
  apps: readonly Pick<App, 'name' | 'namespace' | 'environments'>[];
  environments: readonly Pick<Environment, 'name' | 'cluster'>[];
}

export async function probeLogBackend(source: LogSource, catalog: ProbeCatalog, kind: string, deadlineMs = DEADLINE_MS): Promise<DependencyStatus> {
  const probes = catalog.environments.flatMap((environment) => {
    const app = catalog.apps.find((a) => a.environments.includes(environment.name));
    return app ? [{ app, environment }] : [];
  });
  if (probes.length === 0) return { status: 'ok', detail: `${kind}: no app to read logs of` };
  const since = new Date(Date.now() - 60_000);
  const failures = await Promise.all(
    probes.map(async ({ app, environment }) => {
      try {
        await source.query(
          { app: app.name, namespace: app.namespace, environment: environment.name, cluster: environment.cluster, since, pageSize: 1 },
          AbortSignal.timeout(deadlineMs),
        );
        return undefined;
      } catch (error) {
        // invalid-query (say, no pods yet) still proves the backend answered.
        if (isLogSourceError(error) && error.kind === 'invalid-query') return undefined;
        const message = isLogSourceError(error)
          ? error.message
          : error instanceof DOMException && error.name === 'TimeoutError'
            ? `no answer within ${deadlineMs / 1000} seconds`
            : error instanceof Error
              ? error.message
              : String(error);
        return `${environment.name}: ${message}`;
      }
    }),
  );
  const failed = failures.filter((f): f is string => f !== undefined);
  // Degraded, not down: Berth still edits values and shows status while logs are unavailable.
  if (failed.length > 0) return { status: 'degraded', error: `${kind}: ${failed.join('; ')}` };
  return { status: 'ok', detail: `${kind}: ${probes.map((p) => p.environment.name).join(', ')}` };
}
