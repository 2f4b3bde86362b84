// The board and its burn-up on the sample company, against a real git repository and SQLite.
import { expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { headRevision } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { computeParity, parityFromMigrationFile } from './compute-parity';
import { loadEffectiveValues } from './load-parity';
import { getMigrationBoard } from './load-board';
import { migrationBurnup } from './migration-burnup';
import { readAllMigrations } from './read-migrations';
import { updateMigration } from './update-migration';

const grace: BerthUser = { email: 'grace.liu@meridiancare.example', name: 'Grace Liu', role: 'engineer', team: 'care-ops' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };

describeEachDatabase('the migration board', (database) => {
  const { repo } = sampleRepoForSuite();

  it('the sample company: most apps at 100 % GKE, one mid-cutover at 25 %, one on Aptible with parity unfinished', async () => {
    const states = Object.fromEntries((await readAllMigrations(repo)).map((m) => [m.app, m.status === 'ok' ? `${m.migration.state}${m.migration.gkeShare !== undefined ? ` ${m.migration.gkeShare}` : ''}` : m.status]));
    expect(states).toEqual({
      berth: 'absent',
      'billing-sync': 'gke-100',
      'care-admin': 'gke-100',
      notifications: 'aptible-deprovisioned',
      'patient-portal': 'gke-100',
      scheduler: 'gke-100',
      'provider-api': 'cutover 25',
      'intake-forms': 'aptible-only',
    });
    const catalog = await loadCatalog(repo);
    const intake = catalog.apps.find((a) => a.name === 'intake-forms')!;
    const recorded = (await readAllMigrations(repo)).find((m) => m.app === 'intake-forms');
    if (recorded?.status !== 'ok' || !recorded.migration.parity) throw new Error('intake-forms has no parity record');
    const { facts, mapping } = parityFromMigrationFile(recorded.migration.parity);
    expect(computeParity(facts, mapping, await loadEffectiveValues(repo, intake)).summary).toMatchObject({ complete: false, keys: { missing: 4 } });
  });

  it('filters by team and says what each app waits for and who', async () => {
    const board = await getMigrationBoard(dmitri, { team: 'clinical' }, { repo, db: database.db });
    expect(board.ok).toBe(true);
    if (!board.ok) return;
    expect(board.data.apps.map((a) => [a.name, a.state, a.waitingFor])).toEqual([
      ['provider-api', 'cutover', { what: 'The next cutover step after 25 % (100 % at the end)', who: 'Clinical requests, a second person approves' }],
      ['scheduler', 'gke-100', { what: 'Aptible deprovisioned: the Aptible app, its endpoints and CI steps removed', who: 'Clinical with the platform team' }],
    ]);
    const unknown = await getMigrationBoard(dmitri, { team: 'no-such-team' }, { repo, db: database.db });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('not-found');
  });

  it('draws the burn-up from the history of the migration files', async () => {
    const before = await migrationBurnup(repo, { apps: ['billing-sync', 'care-admin'] });
    expect(before.points.map((p) => [p.tracked, p.reached['gke-100'], p.reached['aptible-deprovisioned']])).toEqual([[2, 2, 0]]);
    const moved = await updateMigration(grace, { app: 'billing-sync', state: 'aptible-deprovisioned', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(moved.ok).toBe(true);
    const after = await migrationBurnup(repo, { apps: ['billing-sync', 'care-admin'] });
    expect(after.points.map((p) => [p.subject, p.reached['aptible-deprovisioned']])).toEqual([
      ['Initial config repository from the Berth sample', 0],
      ['billing-sync: aptible deprovisioned', 1],
    ]);
    // Another team's commit is not a point of this team's burn-up.
    expect((await migrationBurnup(repo, { apps: ['scheduler'] })).points).toHaveLength(1);
  });
});
