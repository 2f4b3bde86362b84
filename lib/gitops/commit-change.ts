import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { BERTH_COMMITTER } from './berth-identity';
import { type BerthTrailers, composeCommitMessage } from './commit-message';
import type { ConfigRepo } from './config-repo';
import { blobId } from './history';
import { headRevision, readFile } from './read-repo';
import { resolveInRepo, safeRepoPath } from './repo-path';
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
 */
export async function commitChange(repo: ConfigRepo, input: CommitChangeInput): Promise<CommitChangeResult> {
  const files = input.files.map((f) => ({ ...f, path: safeRepoPath(f.path) }));
  return withWriteLock(repo.dir, async () => {
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

      const revision = await writeCommit(repo, files, input, head);
      if (!input.remote) return { status: 'committed', revision, parent: head };
      const pushed = await pushToRemote(repo, input.remote);
      if (pushed === 'ok') return { status: 'committed', revision, parent: head };
      // Another replica pushed first: drop our local commit, refetch, and re-check the files.
      await resetTo(repo, head);
      if (attempt >= 5) throw new Error('The config repository remote kept moving; try again.');
    }
  });
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

async function writeCommit(repo: ConfigRepo, files: FileChange[], input: CommitChangeInput, head: string): Promise<string> {
  // Through the working tree and index, so the clone stays clean for `git status` and the git CLI.
  for (const file of files) {
    const absolute = resolveInRepo(repo.dir, file.path);
    if (file.text === null) {
      fs.rmSync(absolute, { force: true });
      await git.remove({ fs: repo.fs, dir: repo.dir, filepath: file.path, cache: repo.cache });
    } else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, file.text);
      await git.add({ fs: repo.fs, dir: repo.dir, filepath: file.path, cache: repo.cache });
    }
  }
  const now = Math.floor(Date.now() / 1000);
  const timezoneOffset = 0;
  return git.commit({
    fs: repo.fs,
    dir: repo.dir,
    ref: `refs/heads/${repo.branch}`,
    parent: [head],
    message: composeCommitMessage(input.message, { fallbackSubject: `Update ${files.map((f) => f.path).join(', ')}`, trailers: input.trailers }),
    author: { ...input.author, timestamp: now, timezoneOffset },
    committer: { ...BERTH_COMMITTER, timestamp: now, timezoneOffset },
    cache: repo.cache,
  });
}

async function resetTo(repo: ConfigRepo, revision: string): Promise<void> {
  await git.writeRef({ fs: repo.fs, dir: repo.dir, ref: `refs/heads/${repo.branch}`, value: revision, force: true });
  await git.checkout({ fs: repo.fs, dir: repo.dir, ref: repo.branch, force: true, cache: repo.cache });
}
