// A fresh config repository made from the sample, for tests that need the real company's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConfigRepo, type ConfigRepo } from '@/lib/gitops/config-repo';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';

export const SAMPLE_DIR = path.join(process.cwd(), 'sandbox', 'config-repo');

export async function makeSampleRepo(): Promise<{ repo: ConfigRepo; dir: string; cleanup: () => void }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sample-'));
  const dir = path.join(tmp, 'config-repo');
  await ensureConfigRepo({ dir, sampleDir: SAMPLE_DIR });
  return { repo: openConfigRepo(dir), dir, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}
