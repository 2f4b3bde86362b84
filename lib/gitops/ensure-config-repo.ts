import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { BERTH_COMMITTER } from './berth-identity';

export interface EnsureConfigRepoOptions {
  dir: string;
  /** Copied in when the repository does not exist yet (the embedded default). */
  sampleDir: string;
  branch?: string;
}

/**
 * Make sure a config repository exists at `dir`. On the embedded default's first start it is
 * created from the sample with one initial commit. Returns true when it was created now.
 */
export async function ensureConfigRepo({ dir, sampleDir, branch = 'main' }: EnsureConfigRepoOptions): Promise<boolean> {
  if (fs.existsSync(path.join(dir, '.git'))) return false;
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).length > 0) {
    throw new Error(`${dir} exists and is not a git repository; point CONFIG_REPO_DIR at a clone or an empty folder.`);
  }
  // Build it beside the target and rename, so a crash never leaves a half-made repository behind.
  const staging = `${dir}.creating-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.cpSync(sampleDir, staging, { recursive: true, filter: (source) => !source.endsWith('.test.ts') });
  await git.init({ fs, dir: staging, defaultBranch: branch });
  const files = listFiles(staging);
  for (const filepath of files) await git.add({ fs, dir: staging, filepath });
  await git.commit({
    fs,
    dir: staging,
    message: 'Initial config repository from the Berth sample\n',
    author: { name: 'Priya Raman', email: 'priya.raman@meridiancare.example' },
    committer: BERTH_COMMITTER,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return true;
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, relative));
    else out.push(relative);
  }
  return out.sort();
}
