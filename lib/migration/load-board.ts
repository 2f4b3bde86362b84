import 'server-only';
// The working group's board: every app with where it stands, what it is waiting for and who —
// computed from the state, the recorded parity and readiness — and the burn-up from git history.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Catalog } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import type { LogSource } from '@/lib/logs/log-source';
import { fail, ok, type Result } from '@/lib/result/result';
import type { Readiness } from './compute-readiness';
import { type CutoverAlarm, cutoverAlarms } from './cutover-view';
import { type AppReadiness, readinessOf } from './load-readiness';
import { type Burnup, migrationBurnup } from './migration-burnup';
import type { MigrationFileProblem, MigrationState } from './migration-file';
import { type AppMigration, readMigration } from './read-migrations';

export interface WaitingFor {
  /** What the app needs next, in the working group's words. */
  what: string;
  /** Who moves it: a team, "a second person", the platform team. */
  who: string;
}

export interface BoardApp {
  name: string;
  team: string;
  teamName: string;
  /** null: no migration.yaml (an app born on GKE, or one not tracked yet). */
  state: MigrationState | null;
  gkeShare?: number;
  /** The app has an Aptible app in app.yaml. */
  fromAptible: boolean;
  problems?: MigrationFileProblem[];
  readiness?: Pick<Readiness, 'passing' | 'total'> & { failing: string[] };
  waitingFor: WaitingFor | null;
}

export interface MigrationBoard {
  apps: BoardApp[];
  teams: { id: string; name: string }[];
  /** The team filter applied (null: every team). */
  team: string | null;
  burnup: Burnup | { error: string };
  /** Rollbacks that cannot reach Envoy right now: said loudly at the top of the board. */
  alarms: CutoverAlarm[];
}

export interface BoardDeps {
  repo?: ConfigRepo;
  db?: BerthDb;
  logSource?: LogSource;
  now?: () => number;
}

/** States whose next step depends on readiness: computed only for those (it reads values and logs). */
const NEEDS_READINESS: ReadonlySet<MigrationState> = new Set(['aptible-only', 'gke-stage', 'validated-in-stage']);

export async function getMigrationBoard(user: BerthUser, input: { team?: string | null }, deps: BoardDeps = {}): Promise<Result<MigrationBoard, never>> {
  const repo = deps.repo ?? getConfigRepo();
  const catalog = await loadCatalog(repo);
  const teams = catalog.teams.map((t) => ({ id: t.id, name: t.name }));
  const team = input.team ?? null;
  if (team !== null && !teams.some((t) => t.id === team)) return fail('not-found', `There is no team ${team}.`);
  const visible = catalog.apps.filter((app) => decide(user, 'app.view', { app }).allowed && (team === null || app.team === team));
  const apps = await Promise.all(visible.map((app) => boardApp(app, catalog, deps)));
  let burnup: MigrationBoard['burnup'];
  try {
    burnup = await migrationBurnup(repo, team === null ? {} : { apps: visible.map((a) => a.name) });
  } catch (error) {
    burnup = { error: error instanceof Error ? error.message : String(error) };
  }
  const shown = new Set(visible.map((a) => a.name));
  const alarms = (await cutoverAlarms(deps.db ?? (await getDb()))).filter((a) => shown.has(a.app));
  return ok({ apps, teams, team, burnup, alarms });
}

async function boardApp(app: App, catalog: Catalog, deps: BoardDeps): Promise<BoardApp> {
  const repo = deps.repo ?? getConfigRepo();
  const teamName = catalog.teams.find((t) => t.id === app.team)?.name ?? app.team;
  const migration = await readMigration(repo, app.name, catalog.revision);
  const base = { name: app.name, team: app.team, teamName, fromAptible: !!app.aptible };
  if (migration.status === 'absent') {
    return { ...base, state: null, waitingFor: app.aptible ? { what: 'A migration.yaml: where the app stands', who: teamName } : null };
  }
  if (migration.status === 'invalid') {
    return { ...base, state: null, problems: migration.problems, waitingFor: { what: `migration.yaml fixed (line ${migration.problems[0]?.line}: ${migration.problems[0]?.message})`, who: teamName } };
  }
  const file = migration.migration;
  let readiness: AppReadiness | undefined;
  if (NEEDS_READINESS.has(file.state)) readiness = await readinessOf(app, catalog, deps);
  return {
    ...base,
    state: file.state,
    ...(file.state === 'cutover' ? { gkeShare: file.gkeShare } : {}),
    ...(readiness ? { readiness: { passing: readiness.passing, total: readiness.total, failing: readiness.checks.filter((c) => c.status === 'fail').map((c) => c.title) } } : {}),
    waitingFor: waitingFor(migration, teamName, readiness),
  };
}

/** The next step of an app and who takes it. */
export function waitingFor(migration: Extract<AppMigration, { status: 'ok' }>, teamName: string, readiness?: Readiness): WaitingFor | null {
  const file = migration.migration;
  const failing = (ids: string[]) => readiness?.checks.filter((c) => c.status === 'fail' && ids.includes(c.id)) ?? [];
  switch (file.state) {
    case 'aptible-only': {
      const parity = failing(['config-keys', 'services-endpoints']);
      if (parity.length > 0) return { what: `Parity with Aptible: ${parity.map((c) => c.found.replace(/\.$/, '')).join('; ')}`, who: teamName };
      return { what: 'Running in GKE stage, then “running in GKE stage” on its page', who: teamName };
    }
    case 'gke-stage': {
      const open = failing(['values-valid', 'probes', 'config-keys', 'services-endpoints', 'inline-secrets', 'disruption-budget', 'stage-healthy', 'logs-structured']);
      if (open.length > 0) return { what: `Readiness: ${open.map((c) => c.title.toLowerCase()).join(', ')}`, who: teamName };
      return { what: 'Validation in stage by the team, by name', who: teamName };
    }
    case 'validated-in-stage': {
      const open = failing(['values-valid', 'probes', 'config-keys', 'services-endpoints', 'inline-secrets', 'disruption-budget', 'stage-healthy', 'logs-structured']);
      if (open.length > 0) return { what: `Readiness before the first step: ${open.map((c) => c.title.toLowerCase()).join(', ')}`, who: teamName };
      return file.cutover
        ? { what: 'The first cutover step (GKE at 5 % for 15 minutes)', who: `${teamName} requests, a second person approves` }
        : { what: 'Moving to GKE (no edge route: a worker or internal app), then “100 % on GKE”', who: teamName };
    }
    case 'cutover':
      return { what: `The next cutover step after ${file.gkeShare ?? 0} % (100 % at the end)`, who: `${teamName} requests, a second person approves` };
    case 'gke-100':
      return { what: 'Aptible deprovisioned: the Aptible app, its endpoints and CI steps removed', who: `${teamName} with the platform team` };
    case 'aptible-deprovisioned':
      return null;
  }
}
