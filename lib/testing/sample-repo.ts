// A fresh config repository made from the sample, for tests that need the real company's files.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openConfigRepo, type ConfigRepo } from '@/lib/gitops/config-repo';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';

export const SAMPLE_DIR = path.join(process.cwd(), 'sandbox', 'config-repo');

export async function makeSampleRepo(): Promise<{ repo: ConfigRepo; dir: string; cleanup: () => void }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sample-'));
  const dir = path.join(tmp, 'config-repo');
  await ensureConfigRepo({ dir, sampleDir: SAMPLE_DIR });
  return { repo: openConfigRepo(dir), dir, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/**
 * A sample repository for the suite this is called in: made before its first test, removed after
 * its last. The handle and the folder are known at once (only the files wait for the suite to
 * start), so tests use them as constants; `git` runs the git command line in it, as a person would.
 */
export function sampleRepoForSuite(): { repo: ConfigRepo; dir: string; git: (...args: string[]) => string } {
  const tmp = path.join(os.tmpdir(), `berth-sample-${randomBytes(6).toString('hex')}`);
  const dir = path.join(tmp, 'config-repo');
  beforeAll(async () => {
    fs.mkdirSync(tmp);
    await ensureConfigRepo({ dir, sampleDir: SAMPLE_DIR });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // A large buffer: some suites read the log of thousands of commits.
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { repo: openConfigRepo(dir), dir, git };
}
