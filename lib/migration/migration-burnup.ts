import 'server-only';
// The working group's burn-up: how many apps had reached each milestone after every commit that
// changed a migration.yaml, read from git's own history (the file's history is the record).
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { history } from '@/lib/gitops/history';
import { headRevision, listFolder } from '@/lib/gitops/read-repo';
import { isAtLeast, MIGRATION_STATES, type MigrationState, migrationFilePath } from './migration-file';
import { readAllMigrations } from './read-migrations';

export const BURNUP_MILESTONES = ['gke-stage', 'validated-in-stage', 'gke-100', 'aptible-deprovisioned'] as const satisfies readonly MigrationState[];
export type BurnupMilestone = (typeof BURNUP_MILESTONES)[number];

export interface BurnupPoint {
  time: string;
  revision: string;
  /** The commit's subject, for the table. */
  subject: string;
  /** Apps with a readable migration.yaml: the scope. */
  tracked: number;
  /** Apps at each milestone or further. */
  reached: Record<BurnupMilestone, number>;
  byState: Record<MigrationState, number>;
}

export interface Burnup {
  points: BurnupPoint[];
  /** More commits changed migration files than were read. */
  truncated: boolean;
}

const MAX_COMMITS = 200;

/** `apps`: only these apps (a team's); default every app folder. */
export async function migrationBurnup(repo: ConfigRepo, options: { limit?: number; apps?: readonly string[] } = {}): Promise<Burnup> {
  const head = await headRevision(repo);
  const folders = (await listFolder(repo, 'apps', head)).filter((e) => e.type === 'folder' && (!options.apps || options.apps.includes(e.name))).map((e) => e.name);
  // history() with no paths walks every commit: no apps, no points.
  if (folders.length === 0) return { points: [], truncated: false };
  const limit = options.limit ?? MAX_COMMITS;
  // Apps removed since are not in the paths: the burn-up is about the apps that exist now.
  const commits = await history(repo, { paths: folders.map(migrationFilePath), limit: limit + 1 });
  const truncated = commits.length > limit;
  const points: BurnupPoint[] = [];
  for (const commit of commits.slice(0, limit).reverse()) {
    const migrations = (await readAllMigrations(repo, commit.revision)).filter((m) => folders.includes(m.app));
    const byState = Object.fromEntries(MIGRATION_STATES.map((s) => [s, 0])) as Record<MigrationState, number>;
    for (const m of migrations) if (m.status === 'ok') byState[m.migration.state]++;
    const states = migrations.flatMap((m) => (m.status === 'ok' ? [m.migration.state] : []));
    const reached = Object.fromEntries(BURNUP_MILESTONES.map((milestone) => [milestone, states.filter((s) => isAtLeast(s, milestone)).length])) as Record<BurnupMilestone, number>;
    points.push({ time: commit.time, revision: commit.revision, subject: commit.subject, tracked: states.length, reached, byState });
  }
  return { points, truncated };
}
