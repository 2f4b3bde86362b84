import 'server-only';
import git from 'isomorphic-git';
import { logger } from '@/lib/logger/logger';
import { BERTH_COMMITTER } from './berth-identity';
import { updateBranch } from './branch-ref';
import { buildCommit } from './build-commit';
import { checkoutFiles } from './checkout-files';
import { type BerthTrailers, composeCommitMessage } from './commit-message';
import type { ConfigRepo } from './config-repo';
import { healClone, RepositoryDamagedError } from './heal-clone';
import { blobId } from './history';
import { headRevision, readFile } from './read-repo';
import { safeRepoPath } from './repo-path';
import { withWriteLock } from './write-lock';
import { syncFromRemote, pushToRemote, type RemoteSync } from './remote-sync';

export interface CommitAuthor {
  name: string;
  email: string;
}

export interface FileChange {
  path: string;
  /** New text of the file; null deletes it. */
  text: string | null;
}

export interface CommitChangeInput {
  files: FileChange[];
  /** The revision the author's edit started from. */
  baseRevision: string;
  author: CommitAuthor;
  /** What the person wrote: trailer-shaped lines in it are quoted (commit-message.ts). */
  message: string;
  /** Berth's own trailers, e.g. { 'Approved-by': ['Ben <ben@…>'] }: the only ones a commit carries. */
  trailers?: BerthTrailers;
  remote?: RemoteSync;
  /**
   * Runs under the write lock against the head the commit would land on (after any fetch), so a
   * change is validated against exactly what it joins. A refusal commits nothing.
   */
  check?: (headRevision: string) => Promise<{ ok: true } | { ok: false; details: unknown }>;
  /**
   * Runs when the commit is written but before the branch points at it (throwing stops it there):
   * lets a caller record which commit is about to land, or find it is no longer entitled to.
   */
  beforePublish?: (revision: string) => Promise<void>;
}

export interface FileConflict {
  path: string;
  /** The file as it is at the head now (null: deleted there). */
  headText: string | null;
  /** What the author wanted to save. */
  proposedText: string | null;
}

export type CommitChangeResult =
  | { status: 'committed'; revision: string; parent: string }
  | { status: 'unchanged'; revision: string }
  | { status: 'conflict'; headRevision: string; conflicts: FileConflict[] }
  | { status: 'refused'; headRevision: string; details: unknown };

/**
 * Commit files with the engineer as author and Berth as committer, on top of the branch head —
 * but only if none of the files changed since `baseRevision`. A file that changed meanwhile is
 * a conflict returned to the user with both versions; nothing is overwritten.
 *
 * Crash-safe: the clone is healed first (heal-clone.ts); the commit's tree is the head's tree with
 * exactly these files (build-commit.ts); its objects are written through temporary files and the
 * branch moves by one compare-and-set rename (branch-ref.ts); only then do the working tree and
 * index follow. A crash at any point leaves the branch at the old commit or the new one.
 * Throws RepositoryDamagedError or RepositoryLockedError when the clone cannot be written.
 */
export async function commitChange(repo: ConfigRepo, input: CommitChangeInput): Promise<CommitChangeResult> {
  const files = input.files.map((f) => ({ ...f, path: safeRepoPath(f.path) }));
  return withWriteLock(repo.dir, async () => {
    await healClone(repo, { remote: input.remote });
    try {
      return await commitAttempts(repo, input, files);
    } catch (error) {
      if (!isCorruptObject(error)) throw error;
      // An object of the clone cannot be read (cut off by a crash of an older version, a disk
      // fault): every file of the head is checked, and with a remote the clone is replaced.
      logger.error({ err: error, dir: repo.dir }, 'an object of the config repository clone cannot be read');
      const report = await healClone(repo, { remote: input.remote, deep: true });
      if (!report.recloned) throw new RepositoryDamagedError(`an object cannot be read (${error instanceof Error ? error.message : String(error)})`);
      return commitAttempts(repo, input, files);
    }
  });
}

/** isomorphic-git's word for an object that is on disk but cannot be read back. */
function isCorruptObject(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'DecompressionError' || (code === 'InternalError' && /SHA check failed|invalid|corrupt/i.test(String((error as Error).message)));
}

async function commitAttempts(repo: ConfigRepo, input: CommitChangeInput, files: FileChange[]): Promise<CommitChangeResult> {
  const paths = files.map((f) => f.path);
  for (let attempt = 0; ; attempt++) {
    if (input.remote) await syncFromRemote(repo, input.remote);
    const head = await headRevision(repo);
    const conflicts = await findConflicts(repo, files, input.baseRevision, head);
    if (conflicts.length > 0) return { status: 'conflict', headRevision: head, conflicts };
    if (await sameAsHead(repo, files, head)) return { status: 'unchanged', revision: head };
    if (input.check) {
      const verdict = await input.check(head);
      if (!verdict.ok) return { status: 'refused', headRevision: head, details: verdict.details };
    }

    const revision = await buildCommit(repo, {
      parent: head,
      changes: files,
      message: composeCommitMessage(input.message, { fallbackSubject: `Update ${paths.join(', ')}`, trailers: input.trailers }),
      author: input.author,
      committer: BERTH_COMMITTER,
    });
    if (input.beforePublish) await input.beforePublish(revision);
    await updateBranch(repo, revision, head);
    await followBranch(repo, revision, paths);
    if (!input.remote) return { status: 'committed', revision, parent: head };
    const pushed = await pushToRemote(repo, input.remote);
    if (pushed === 'ok') return { status: 'committed', revision, parent: head };
    // Another replica pushed first: take our commit back, refetch, and re-check the files.
    await updateBranch(repo, head, revision);
    await followBranch(repo, head, paths);
    if (attempt >= 5) throw new Error('The config repository remote kept moving; try again.');
  }
}

/** The working tree and index catch up with the branch; if they cannot, the next write heals them. */
async function followBranch(repo: ConfigRepo, revision: string, paths: string[]): Promise<void> {
  try {
    await checkoutFiles(repo, revision, paths);
  } catch (error) {
    logger.warn({ err: error, dir: repo.dir, revision }, 'the working tree could not follow the branch; the next write resets it');
  }
}

async function findConflicts(repo: ConfigRepo, files: FileChange[], base: string, head: string): Promise<FileConflict[]> {
  if (base === head) return [];
  const conflicts: FileConflict[] = [];
  for (const file of files) {
    const [atBase, atHead] = await Promise.all([blobIdOrThrow(repo, base, file.path), blobId(repo, head, file.path)]);
    if (atBase !== atHead) conflicts.push({ path: file.path, headText: await readFile(repo, file.path, head), proposedText: file.text });
  }
  return conflicts;
}

async function blobIdOrThrow(repo: ConfigRepo, revision: string, filepath: string): Promise<string | null> {
  try {
    await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: revision, cache: repo.cache });
  } catch {
    throw new UnknownRevisionError(revision);
  }
  return blobId(repo, revision, filepath);
}

export class UnknownRevisionError extends Error {
  constructor(readonly revision: string) {
    super(`The revision your edit started from (${revision.slice(0, 12)}) is not in the config repository.`);
    this.name = 'UnknownRevisionError';
  }
}

async function sameAsHead(repo: ConfigRepo, files: FileChange[], head: string): Promise<boolean> {
  for (const file of files) {
    if ((await readFile(repo, file.path, head)) !== file.text) return false;
  }
  return true;
}


