// The embedded default's migration history: git itself reads it, the head is the sample as it is,
// and the burn-up has the autumn to draw.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';
import { migrationBurnup } from '@/lib/migration/migration-burnup';
import { SAMPLE_DIR } from '@/lib/testing/sample-repo';
import { migrationHistory } from './migration-history';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-history-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

it('seeds the sample company’s migration before the initial commit, with the same head tree', async () => {
  const plain = path.join(tmp, 'plain');
  const seeded = path.join(tmp, 'seeded');
  await ensureConfigRepo({ dir: plain, sampleDir: SAMPLE_DIR });
  const seeds = migrationHistory(SAMPLE_DIR, Date.parse('2026-12-04T12:00:00Z'));
  await ensureConfigRepo({ dir: seeded, sampleDir: SAMPLE_DIR, history: seeds });
  expect(git(seeded, 'fsck', '--strict')).toBe('');
  expect(git(seeded, 'rev-parse', 'HEAD^{tree}')).toBe(git(plain, 'rev-parse', 'HEAD^{tree}'));
  expect(git(seeded, 'log', '-1', '--format=%s')).toBe('Initial config repository from the Berth sample\n');
  expect(git(seeded, 'status', '--porcelain')).toBe('');
  const subjects = git(seeded, 'log', '--reverse', '--format=%ad %s', '--date=short').trim().split('\n');
  expect(subjects[0]).toBe('2026-08-20 Track every app’s move from Aptible (migration.yaml, state only)');
  expect(subjects).toContain('2026-11-06 provider-api validated in stage');
  expect(subjects).toContain('2026-11-12 provider-api: cutover, GKE at 15 %');

  const burnup = await migrationBurnup(openConfigRepo(seeded));
  const first = burnup.points[0];
  const last = burnup.points.at(-1)!;
  expect([first.tracked, first.reached['gke-stage']]).toEqual([7, 0]);
  expect([last.tracked, last.reached['gke-stage'], last.reached['gke-100'], last.reached['aptible-deprovisioned']]).toEqual([7, 6, 5, 1]);
  // Monotonic in this sample: apps only moved forward.
  for (let i = 1; i < burnup.points.length; i++) expect(burnup.points[i].reached['gke-100']).toBeGreaterThanOrEqual(burnup.points[i - 1].reached['gke-100']);
});
