import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awaitLockRelease, RepositoryLockedError, STALE_LOCK_MS } from './atomic-files';
import { commitChange } from './commit-change';
import { openConfigRepo } from './config-repo';
import { ensureConfigRepo } from './ensure-config-repo';
import { cloneProblem, healClone, RepositoryDamagedError } from './heal-clone';
import { headRevision, readFile } from './read-repo';

// Real clones damaged the ways a crash or a person leaves them, then written to.
let tmp = '';
let dir = '';

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-heal-'));
  const sample = path.join(tmp, 'sample');
  fs.mkdirSync(path.join(sample, 'apps', 'demo'), { recursive: true });
  fs.mkdirSync(path.join(sample, 'apps', 'billing'), { recursive: true });
  fs.writeFileSync(path.join(sample, 'apps', 'demo', 'values.yaml'), 'replicas: 1\n');
  fs.writeFileSync(path.join(sample, 'apps', 'billing', 'values-production.yaml'), 'replicas: 2\n');
  dir = path.join(tmp, 'clone');
  await ensureConfigRepo({ dir, sampleDir: sample });
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
const ana = { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' };
const save = async (filepath: string, text: string, remote?: { url: string }) => {
  const repo = openConfigRepo(dir);
  return commitChange(repo, { files: [{ path: filepath, text }], baseRevision: await headRevision(repo), author: ana, message: `Save ${filepath}`, remote });
};
const fsckErrors = () => execFileSync('git', ['-C', dir, 'fsck', '--strict', '--no-dangling'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('writes to a dirty or damaged clone', () => {
  it('never sweeps staged or modified files into a commit; they are discarded and reported', async () => {
    // What a crash between "add" and "commit" used to leave: an unapproved production file staged.
    fs.writeFileSync(path.join(dir, 'apps/billing/values-production.yaml'), 'replicas: 50\n');
    git('add', 'apps/billing/values-production.yaml');
    fs.writeFileSync(path.join(dir, 'apps/demo/values.yaml'), 'replicas: 99 # never validated\n');
    fs.writeFileSync(path.join(dir, 'apps/demo/stray.yaml'), 'stray: true\n');

    const report = await healClone(openConfigRepo(dir));
    expect(report.discarded.map((line) => line.slice(3)).sort()).toEqual(['apps/billing/values-production.yaml', 'apps/demo/stray.yaml', 'apps/demo/values.yaml']);

    fs.writeFileSync(path.join(dir, 'apps/billing/values-production.yaml'), 'replicas: 50\n');
    git('add', 'apps/billing/values-production.yaml');
    const result = await save('apps/demo/values.yaml', 'replicas: 2\n');
    expect(result.status).toBe('committed');
    expect(git('show', '--format=', '--name-only', 'HEAD').trim()).toBe('apps/demo/values.yaml');
    expect(git('show', 'HEAD:apps/billing/values-production.yaml')).toBe('replicas: 2\n');
    expect(git('status', '--porcelain')).toBe('');
    expect(fsckErrors()).toBe('');
  });

  it('rebuilds an index a crash left empty, and the next save lands', async () => {
    fs.writeFileSync(path.join(dir, '.git', 'index'), '');
    expect(() => git('status')).toThrow();
    const result = await save('apps/demo/values.yaml', 'replicas: 3\n');
    expect(result.status).toBe('committed');
    expect(git('status', '--porcelain')).toBe('');
    expect(git('ls-files').trim().split('\n')).toEqual(['apps/billing/values-production.yaml', 'apps/demo/values.yaml']);
    expect(fsckErrors()).toBe('');
  });

  it('removes locks left by a dead writer, and honours a lock a live process holds', async () => {
    // An old lock, and a fresh one nobody holds open (what a SIGKILL between open and rename leaves).
    const old = new Date(Date.now() - STALE_LOCK_MS - 5_000);
    fs.writeFileSync(path.join(dir, '.git/index.lock'), '');
    fs.utimesSync(path.join(dir, '.git/index.lock'), old, old);
    fs.writeFileSync(path.join(dir, '.git/refs/heads/main.lock'), '');
    expect((await save('apps/demo/values.yaml', 'replicas: 4\n')).status).toBe('committed');
    expect(fs.existsSync(path.join(dir, '.git/index.lock'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '.git/refs/heads/main.lock'))).toBe(false);
    expect(git('status', '--porcelain')).toBe('');

    // A lock a live process holds open, as git does while it writes, is waited for and refused.
    const live = path.join(dir, '.git', 'index.lock');
    const fd = fs.openSync(live, 'wx');
    try {
      await expect(awaitLockRelease(live, 300)).rejects.toBeInstanceOf(RepositoryLockedError);
      expect(fs.existsSync(live)).toBe(true);
      const waiting = awaitLockRelease(live, 5_000);
      fs.rmSync(live);
      await expect(waiting).resolves.toBe(false);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('leaves nothing behind when a save is refused: no text in the working tree, no objects', async () => {
    const repo = openConfigRepo(dir);
    const objectsBefore = git('count-objects', '-v');
    const result = await commitChange(repo, {
      files: [{ path: 'apps/demo/values.yaml', text: 'replicas: [unvalidated\n' }],
      baseRevision: await headRevision(repo),
      author: ana,
      message: 'bad',
      check: async () => ({ ok: false, details: ['invalid'] }),
    });
    expect(result.status).toBe('refused');
    expect(fs.readFileSync(path.join(dir, 'apps/demo/values.yaml'), 'utf8')).toBe('replicas: 1\n');
    expect(git('status', '--porcelain')).toBe('');
    expect(git('count-objects', '-v')).toBe(objectsBefore);
  });

  it('refuses writes with the reason when the branch points at a missing commit, and readiness says so', async () => {
    const repo = openConfigRepo(dir);
    const head = await headRevision(repo);
    const missing = 'dead'.repeat(10);
    fs.writeFileSync(path.join(dir, '.git/refs/heads/main'), `${missing}\n`);
    await expect(save('apps/demo/values.yaml', 'replicas: 5\n')).rejects.toThrow(RepositoryDamagedError);
    await expect(save('apps/demo/values.yaml', 'replicas: 5\n')).rejects.toThrow(`the branch main points at commit ${missing.slice(0, 12)}, which is not in the repository`);
    expect(await cloneProblem(repo)).toMatchObject({ reason: expect.stringContaining('which is not in the repository') });
    // Once someone repairs it, readiness recovers by itself.
    fs.writeFileSync(path.join(dir, '.git/refs/heads/main'), `${head}\n`);
    await expect.poll(() => cloneProblem(repo), { timeout: 15_000 }).toBeNull();
  });

  it('replaces a damaged clone with a fresh clone from the remote, and the save lands there', async () => {
    const remote = path.join(tmp, 'remote.git');
    execFileSync('git', ['clone', '--quiet', '--bare', '--no-local', dir, remote]);
    // A truncated object (what an in-place object write cut off by a crash leaves) in the head's tree.
    const blob = git('rev-parse', 'HEAD:apps/demo/values.yaml').trim();
    fs.writeFileSync(path.join(dir, '.git/objects', blob.slice(0, 2), blob.slice(2)), '');
    await expect(healClone(openConfigRepo(dir), { deep: true })).rejects.toThrow(/cannot be read/);

    const result = await save('apps/demo/values.yaml', 'replicas: 6\n', { url: remote });
    expect(result.status).toBe('committed');
    expect(execFileSync('git', ['-C', remote, 'show', 'main:apps/demo/values.yaml'], { encoding: 'utf8' })).toBe('replicas: 6\n');
    expect(await readFile(openConfigRepo(dir), 'apps/demo/values.yaml')).toBe('replicas: 6\n');
    expect(await cloneProblem(openConfigRepo(dir))).toBeNull();
    expect(fsckErrors()).toBe('');
  });
});

describe('a committing process killed at arbitrary moments', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  /** Starts the commit loop and resolves once it has made `commits` commits, returning the process. */
  function startLoop(round: number, commits: number): Promise<ChildProcess> {
    // node itself (not the tsx launcher, which runs node as a child a SIGKILL would not reach).
    const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'lib/testing/commit-loop.ts', dir, String(round)], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    return new Promise((resolve, reject) => {
      let seen = 0;
      let errors = '';
      proc.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      proc.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString().split('\n').filter((l) => l.startsWith('committed')).length;
        if (seen >= commits) resolve(proc);
      });
      proc.on('exit', (code) => reject(new Error(`the commit loop exited (${code}) before ${commits} commits: ${errors}`)));
    });
  }

  it('leaves a clone that heals, accepts saves, passes fsck and holds only chosen files in each commit', async () => {
    for (let round = 0; round < 8; round++) {
      // Killed a varying time into its next commit (heal, objects, branch, working tree, index),
      // so the kills land at different points of it.
      const proc = await startLoop(round, 1 + (round % 3));
      const exited = new Promise((resolve) => proc.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, (round * 7) % 45));
      proc.kill('SIGKILL');
      await exited;

      const result = await save('apps/billing/values-production.yaml', `replicas: ${round + 10}\n`);
      expect(result.status, `round ${round}`).toBe('committed');
      expect(git('status', '--porcelain'), `round ${round}`).toBe('');
      expect(fsckErrors(), `round ${round}`).toBe('');
    }
    // Every commit holds exactly the files its writer chose.
    const log = git('log', '--format=%x00%s', '--name-only').split('\0').filter(Boolean);
    for (const entry of log) {
      const [subject, ...files] = entry.trim().split('\n').filter(Boolean);
      const loop = /^Round (\d+) commit (\d+)$/.exec(subject);
      if (loop) expect(files.sort(), subject).toEqual(['apps/demo/values.yaml', `files/${loop[1]}-${loop[2]}.yaml`]);
      else if (subject.startsWith('Save ')) expect(files, subject).toEqual([subject.slice(5)]);
    }
    // Eight real processes started and killed: ~15 s alone, and a busy machine's CI may double it.
  }, 120_000);
});
