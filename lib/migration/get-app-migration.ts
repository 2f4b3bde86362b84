import 'server-only';
// Everything the app's Migration page shows: where it stands, the moves the person may make,
// readiness (with the recorded parity inside it) and the revision forms start from.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { App } from '@/lib/catalog/types';
import { viewApp } from '@/lib/catalog/view-app';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { ok, type Result } from '@/lib/result/result';
import { type AppReadiness, readinessOf, type ReadinessDeps } from './load-readiness';
import type { MigrationState } from './migration-file';
import { possibleMoves } from './migration-moves';

export interface AppMigrationView {
  app: App;
  teamName: string;
  readiness: AppReadiness;
  /** The revision every form on the page starts from (a stale one is a conflict). */
  revision: string;
  canChange: boolean;
  canValidate: boolean;
  moves: MigrationState[];
}

export async function getAppMigration(user: BerthUser, appName: string, deps: ReadinessDeps & { repo?: ConfigRepo } = {}): Promise<Result<AppMigrationView, never>> {
  const repo = deps.repo ?? getConfigRepo();
  const found = await viewApp(user, appName, { repo });
  if (!found.ok) return found;
  const { app, catalog } = found.data;
  const readiness = await readinessOf(app, catalog, { ...deps, repo });
  const canChange = decide(user, 'migration.update', { app }).allowed;
  const canValidate = canChange && decide(user, 'migration.validate', { app }).allowed;
  const file = readiness.migration.status === 'ok' ? readiness.migration.migration : null;
  const moves = canChange && readiness.migration.status !== 'invalid' ? possibleMoves(app.name, app.team, file).filter((s) => s !== 'validated-in-stage' || canValidate) : [];
  return ok({ app, teamName: catalog.teams.find((t) => t.id === app.team)?.name ?? app.team, readiness, revision: readiness.revision, canChange, canValidate, moves });
}
