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
  /**
   * Commits to make before the initial one (the embedded default's past, sandbox/migration-history.ts):
   * each holds the files it sets, on top of the ones before it. The initial commit then writes the
   * sample as it is, so the head is the same with or without them.
   */
  history?: SeedCommit[];
}

export interface SeedCommit {
  time: Date;
  message: string;
  author: { name: string; email: string };
  /** Path → text; each commit's tree is these plus every earlier commit's files. */
  files: Record<string, string>;
}

/**
 * Make sure a config repository exists at `dir`. On the embedded default's first start it is
 * created from the sample with one initial commit. Returns true when it was created now.
 */
export async function ensureConfigRepo({ dir, sampleDir, branch = 'main', history = [] }: EnsureConfigRepoOptions): Promise<boolean> {
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
  await writeHistory(staging, branch, history);
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

/** Writes the seed commits with git's plumbing (blobs, trees, commits), leaving the working tree alone. */
async function writeHistory(dir: string, branch: string, seeds: SeedCommit[]): Promise<void> {
  const files = new Map<string, string>();
  let parent: string | undefined;
  for (const seed of seeds) {
    for (const [filepath, text] of Object.entries(seed.files)) files.set(filepath, await git.writeBlob({ fs, dir, blob: new TextEncoder().encode(text) }));
    const tree = await writeTreeOf(dir, [...files.entries()]);
    const timestamp = Math.floor(seed.time.getTime() / 1000);
    parent = await git.writeCommit({
      fs,
      dir,
      commit: {
        message: seed.message.endsWith('\n') ? seed.message : `${seed.message}\n`,
        tree,
        parent: parent ? [parent] : [],
        author: { ...seed.author, timestamp, timezoneOffset: 0 },
        committer: { ...BERTH_COMMITTER, timestamp, timezoneOffset: 0 },
      },
    });
  }
  if (parent) await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: parent, force: true });
}

async function writeTreeOf(dir: string, entries: [string, string][]): Promise<string> {
  const here = new Map<string, string>();
  const below = new Map<string, [string, string][]>();
  for (const [filepath, oid] of entries) {
    const [first, ...rest] = filepath.split('/');
    if (rest.length === 0) here.set(first, oid);
    else below.set(first, [...(below.get(first) ?? []), [rest.join('/'), oid]]);
  }
  const tree: { mode: string; path: string; oid: string; type: 'blob' | 'tree' }[] = [];
  for (const [name, oid] of here) tree.push({ mode: '100644', path: name, oid, type: 'blob' });
  for (const [name, children] of below) tree.push({ mode: '040000', path: name, oid: await writeTreeOf(dir, children), type: 'tree' });
  // git's order: a tree sorts as if its name ended in '/'.
  const key = (e: (typeof tree)[number]) => (e.type === 'tree' ? `${e.path}/` : e.path);
  tree.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return git.writeTree({ fs, dir, tree });
}
