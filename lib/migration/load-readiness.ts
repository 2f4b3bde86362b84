import 'server-only';
// Gathers what readiness is computed from: each environment's merged values and their validation,
// the parity recorded in migration.yaml, stage's status history (app_status_samples) and the
// share of plain stderr lines in stage's last hour of logs. Stage logs hold synthetic data only
// (environments.yaml): only counts are taken from them, and no line leaves this function.
import type { BerthUser } from '@/lib/auth/user';
import type { App, Catalog } from '@/lib/catalog/types';
import { viewApp } from '@/lib/catalog/view-app';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { readStatusHistory, summarizeStatusHistory } from '@/lib/kube/status-history';
import { getLogSource } from '@/lib/logs/get-log-source';
import type { LogSource } from '@/lib/logs/log-source';
import { ok, type Result } from '@/lib/result/result';
import { validateValues } from '@/lib/values';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { computeParity, parityFromMigrationFile } from './compute-parity';
import { computeReadiness, type EnvironmentValuesFacts, type Readiness, type ReadinessFacts, type StageLogFacts } from './compute-readiness';
import { type AppMigration, readMigration } from './read-migrations';

export interface ReadinessDeps {
  repo?: ConfigRepo;
  db?: BerthDb;
  logSource?: LogSource;
  now?: () => number;
}

export interface AppReadiness extends Readiness {
  app: string;
  revision: string;
  migration: AppMigration;
  facts: ReadinessFacts;
}

const DAY_MS = 24 * 60 * 60_000;
const LOG_WINDOW_MINUTES = 60;
const LOG_SAMPLE_LINES = 500;
const LOG_TIMEOUT_MS = 5_000;

export async function getReadiness(user: BerthUser, appName: string, deps: ReadinessDeps = {}): Promise<Result<AppReadiness, never>> {
  const repo = deps.repo ?? getConfigRepo();
  const found = await viewApp(user, appName, { repo });
  if (!found.ok) return found;
  return ok(await readinessOf(found.data.app, found.data.catalog, deps));
}

/** Readiness of an app already found (and allowed) in the catalog. */
export async function readinessOf(app: App, catalog: Catalog, deps: ReadinessDeps = {}): Promise<AppReadiness> {
  const repo = deps.repo ?? getConfigRepo();
  const now = (deps.now ?? Date.now)();
  const revision = await headRevision(repo);
  const projects = catalog.environments.map((e) => ({ name: e.name, project: e.project }));

  const values: EnvironmentValuesFacts[] = await Promise.all(
    app.environments.map(async (environment) => {
      const context = await loadValuesContext(repo, app, environment, revision);
      const validation = validateValues({ schema: context.schema, layers: context.layers, environment, environments: projects });
      const errors = validation.problems.filter((p) => p.severity === 'error');
      const first = errors[0];
      return {
        environment,
        ok: validation.ok,
        errors: errors.length,
        ...(first ? { firstError: { file: first.file, line: first.line, message: first.message } } : {}),
        merged: validation.merged,
      };
    }),
  );

  const migration = await readMigration(repo, app.name, revision);
  const file = migration.status === 'ok' ? migration.migration : null;
  const recorded = file?.parity ? parityFromMigrationFile(file.parity) : null;
  const parity = recorded
    ? computeParity(
        recorded.facts,
        recorded.mapping,
        values.filter((v) => v.merged !== null).map((v) => ({ environment: v.environment, values: v.merged })),
      )
    : null;

  const runsInStage = app.environments.includes('stage');
  const db = deps.db ?? (await getDb());
  const stageHistory = runsInStage ? summarizeStatusHistory(await readStatusHistory(db, app.name, 'stage', new Date(now - DAY_MS)), { now }) : null;
  const stage = catalog.environments.find((e) => e.name === 'stage');
  const stageLogs = runsInStage && stage ? await countStageLogLines(app, stage.cluster, now, deps.logSource) : null;

  const facts: ReadinessFacts = { app: { name: app.name, team: app.team, environments: app.environments }, migration: file, values, parity, stageHistory, stageLogs };
  return { app: app.name, revision, migration, facts, ...computeReadiness(facts) };
}

/** The last hour of stage's lines, counted: plain stderr (or, where the stream is unknown, plain error text) against all. */
async function countStageLogLines(app: App, cluster: string, now: number, source?: LogSource): Promise<StageLogFacts> {
  try {
    const logs = source ?? (await getLogSource());
    const page = await logs.query(
      { app: app.name, namespace: app.namespace, environment: 'stage', cluster, since: new Date(now - LOG_WINDOW_MINUTES * 60_000), pageSize: LOG_SAMPLE_LINES },
      AbortSignal.timeout(LOG_TIMEOUT_MS),
    );
    let lines = 0;
    let stderr = 0;
    let inferred = 0;
    for (const entry of page.entries) {
      if (!entry.json && !entry.text?.trim()) continue;
      lines++;
      if (entry.json) continue;
      if (entry.stream === 'stderr') stderr++;
      else if (entry.stream === undefined && entry.severity === 'ERROR') inferred++;
    }
    const certain = page.entries.some((e) => e.stream !== undefined);
    return { lines, plainStderr: certain ? stderr : inferred, certain, sinceMinutes: LOG_WINDOW_MINUTES };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
