import 'server-only';
// Berth's clone of the config repository must be exactly its branch before anything is written:
// at start-up and before each write it is checked, and healed when it is not.
// - Locks left by a writer that died (`index.lock`, the branch's `.lock`) are removed once stale.
// - The branch must point at a commit whose objects can be read. If not, and there is a remote,
//   the clone is replaced by a fresh one; without a remote nothing can repair it, so the clone is
//   marked damaged: readiness fails with the reason and every write is refused with it.
// - An index git cannot read, staged or modified files, stray files: the index and working tree
//   are reset to the branch (`git reset --hard`, `git clean`), and what was discarded is logged.
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { logger } from '@/lib/logger/logger';
import { awaitLockRelease } from './atomic-files';
import { RepositoryDamagedError } from './repository-damaged-error';
import { branchRefFile } from './branch-ref';
import type { ConfigRepo } from './config-repo';
import { gitCli, gitFailure } from './git-cli';
import { headRevision, isNotFound } from './read-repo';
import type { RemoteSync } from './remote-sync';
import { withWriteLock } from './write-lock';
import { processState } from '@/lib/lifecycle/process-state';

export { RepositoryDamagedError };

export type CloneHealth = { ok: true; checkedAt: string } | { ok: false; reason: string; since: string };

// One verdict per process: readiness (one bundle) reads what writes (others) found.
const health = processState('clone-health', () => new Map<string, CloneHealth>());

/** The last verdict on a clone (undefined: not checked yet in this process). */
export function cloneHealth(repo: ConfigRepo): CloneHealth | undefined {
  return health.get(repo.dir);
}

function markDamaged(repo: ConfigRepo, reason: string): void {
  const previous = health.get(repo.dir);
  health.set(repo.dir, { ok: false, reason, since: previous && !previous.ok ? previous.since : new Date().toISOString() });
}

const short = (oid: string) => oid.slice(0, 12);

async function walkTree(repo: ConfigRepo, treeOid: string): Promise<void> {
  const { tree } = await git.readTree({ fs: repo.fs, dir: repo.dir, oid: treeOid, cache: repo.cache });
  for (const entry of tree) {
    if (entry.type === 'tree') await walkTree(repo, entry.oid);
    else if (entry.type === 'blob') await git.readBlob({ fs: repo.fs, dir: repo.dir, oid: entry.oid, cache: repo.cache });
  }
}

/**
 * Checks that the branch can be read: its ref, its commit and root tree (and with `deep`, every
 * tree and file of that commit). Returns the head; throws RepositoryDamagedError saying what is wrong.
 */
export async function verifyReadable(repo: ConfigRepo, options: { deep?: boolean } = {}): Promise<string> {
  let head: string;
  try {
    head = await headRevision(repo);
  } catch (error) {
    throw new RepositoryDamagedError(
      isNotFound(error) ? `the branch ${repo.branch} does not exist in ${repo.dir}` : `the branch ${repo.branch} cannot be read (${errorText(error)})`,
    );
  }
  let treeOid: string;
  try {
    treeOid = (await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: head, cache: repo.cache })).commit.tree;
  } catch (error) {
    throw new RepositoryDamagedError(
      isNotFound(error)
        ? `the branch ${repo.branch} points at commit ${short(head)}, which is not in the repository`
        : `commit ${short(head)} (the head of ${repo.branch}) cannot be read (${errorText(error)})`,
    );
  }
  try {
    if (options.deep) await walkTree(repo, treeOid);
    else await git.readTree({ fs: repo.fs, dir: repo.dir, oid: treeOid, cache: repo.cache });
  } catch (error) {
    throw new RepositoryDamagedError(`the files of commit ${short(head)} cannot be read (${errorText(error)})`);
  }
  return head;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface HealReport {
  head: string;
  removedLocks: string[];
  /** `git status --porcelain` lines of what was reset or removed. */
  discarded: string[];
  indexRebuilt: boolean;
  recloned: boolean;
}

/**
 * Brings the clone back to its branch (see the top of this file). Run under the write lock.
 * Throws RepositoryDamagedError when it cannot be repaired.
 */
export async function healClone(repo: ConfigRepo, options: { remote?: RemoteSync; deep?: boolean } = {}): Promise<HealReport> {
  const report: HealReport = { head: '', removedLocks: [], discarded: [], indexRebuilt: false, recloned: false };
  try {
    await releaseStaleLocks(repo, report);
    try {
      report.head = await verifyReadable(repo, options);
    } catch (error) {
      if (!(error instanceof RepositoryDamagedError) || !options.remote) throw error;
      logger.error({ dir: repo.dir, reason: error.reason }, 'the config repository clone is damaged; replacing it with a fresh clone from the remote');
      await reclone(repo, options.remote);
      report.recloned = true;
      report.head = await verifyReadable(repo, options);
    }
    await pointHeadAtBranch(repo);
    await resetToBranch(repo, report);
  } catch (error) {
    const reason = error instanceof RepositoryDamagedError ? error.reason : `it cannot be repaired (${gitFailure(error)})`;
    markDamaged(repo, reason);
    throw error instanceof RepositoryDamagedError ? error : new RepositoryDamagedError(reason);
  }
  health.set(repo.dir, { ok: true, checkedAt: new Date().toISOString() });
  if (report.removedLocks.length || report.discarded.length || report.indexRebuilt || report.recloned) {
    logger.warn({ dir: repo.dir, ...report }, 'healed the config repository clone: index and working tree reset to the branch (what differed is listed)');
  }
  return report;
}

async function releaseStaleLocks(repo: ConfigRepo, report: HealReport): Promise<void> {
  const gitDir = path.join(repo.dir, '.git');
  const locks = [path.join(gitDir, 'index.lock'), path.join(gitDir, 'HEAD.lock'), path.join(gitDir, 'packed-refs.lock'), `${branchRefFile(repo)}.lock`];
  for (const lock of locks) {
    // Waits a moment for a live writer (then the write is refused); a lock whose writer died is removed.
    if (await awaitLockRelease(lock)) report.removedLocks.push(path.relative(repo.dir, lock));
  }
}

async function pointHeadAtBranch(repo: ConfigRepo): Promise<void> {
  const headFile = path.join(repo.dir, '.git', 'HEAD');
  const wanted = `ref: refs/heads/${repo.branch}`;
  let current = '';
  try {
    current = fs.readFileSync(headFile, 'utf8').trim();
  } catch {
    // missing: written below
  }
  if (current === wanted) return;
  logger.warn({ dir: repo.dir, was: current || '(missing)' }, `the clone's HEAD was not on ${repo.branch}; pointing it back`);
  await gitCli(repo.dir, ['symbolic-ref', 'HEAD', `refs/heads/${repo.branch}`]);
}

async function status(repo: ConfigRepo): Promise<string[]> {
  // No optional locks: a status check must never take the index lock from a real writer.
  const { stdout } = await gitCli(repo.dir, ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all']);
  return stdout.split('\0').filter(Boolean);
}

async function resetToBranch(repo: ConfigRepo, report: HealReport): Promise<void> {
  let dirty: string[];
  try {
    dirty = await status(repo);
  } catch (error) {
    // An index git cannot read (empty, truncated): rebuilt from the branch below.
    logger.warn({ dir: repo.dir, error: gitFailure(error) }, 'the clone’s index cannot be read; rebuilding it from the branch');
    fs.rmSync(path.join(repo.dir, '.git', 'index'), { force: true });
    report.indexRebuilt = true;
    dirty = ['(index)'];
  }
  if (dirty.length === 0) return;
  if (!report.indexRebuilt) report.discarded.push(...dirty);
  await gitCli(repo.dir, ['reset', '--quiet', '--hard', `refs/heads/${repo.branch}`]);
  await gitCli(repo.dir, ['clean', '--quiet', '-d', '--force']);
  const left = await status(repo);
  if (left.length > 0) throw new RepositoryDamagedError(`its working tree cannot be reset to ${repo.branch} (${left.slice(0, 3).join(', ')})`);
}

async function reclone(repo: ConfigRepo, remote: RemoteSync): Promise<void> {
  const fresh = `${repo.dir}.reclone-${process.pid}`;
  const damaged = `${repo.dir}.damaged-${Date.now()}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  await gitCli(path.dirname(repo.dir), ['clone', '--quiet', '--branch', repo.branch, remote.url, fresh], { timeoutMs: 120_000 });
  fs.renameSync(repo.dir, damaged);
  fs.renameSync(fresh, repo.dir);
  fs.rmSync(damaged, { recursive: true, force: true });
  // isomorphic-git's caches (pack indexes, the index) belong to the clone that is gone.
  repo.cache = {};
}

/** Head of the branch, healed first: what every write calls under the write lock. */
export async function healthyHead(repo: ConfigRepo, remote?: RemoteSync): Promise<string> {
  return (await healClone(repo, { remote })).head;
}

const lastRetry = processState('clone-health.last-retry', () => new Map<string, number>());

/**
 * For readiness: why the clone cannot take writes now, or null when it can. Reads the branch's
 * commit and root tree each time; a clone marked damaged is healed again in the background (at
 * most every 10 s) so it recovers by itself once someone repairs it.
 */
export async function cloneProblem(repo: ConfigRepo, remote?: RemoteSync): Promise<{ reason: string; since?: string } | null> {
  const known = cloneHealth(repo);
  try {
    await verifyReadable(repo);
  } catch (error) {
    if (!(error instanceof RepositoryDamagedError)) throw error;
    if (!known || known.ok) markDamaged(repo, error.reason);
    retryHeal(repo, remote);
    const now = cloneHealth(repo);
    return { reason: error.reason, since: now && !now.ok ? now.since : undefined };
  }
  if (known && !known.ok) {
    retryHeal(repo, remote);
    return { reason: known.reason, since: known.since };
  }
  return null;
}

function retryHeal(repo: ConfigRepo, remote?: RemoteSync): void {
  const last = lastRetry.get(repo.dir) ?? 0;
  if (Date.now() - last < 10_000) return;
  lastRetry.set(repo.dir, Date.now());
  void withWriteLock(repo.dir, () => healClone(repo, { remote })).catch(() => undefined);
}
