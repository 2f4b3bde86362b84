import 'server-only';
import git from 'isomorphic-git';
import { type CommitRecord, commitRecord } from './commit-records';
import type { ConfigRepo } from './config-repo';
import { headRevision } from './read-repo';
import { safeRepoPath } from './repo-path';

export interface CommitSummary {
  revision: string;
  shortRevision: string;
  message: string;
  subject: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  time: string;
  parents: string[];
  /** Which of the requested paths this commit changed. */
  files: string[];
}

export interface HistoryOptions {
  /** Only commits that changed one of these files. Empty: every commit. */
  paths?: string[];
  limit?: number;
  /** Start from this revision instead of the branch head. */
  from?: string;
  /** Stop at the first commit authored before this moment (ms): a week's report walks that week only. */
  since?: number;
}

/**
 * Newest first: the first-parent commits that changed any of `paths` (every commit when none are
 * given), at most `limit`. Each commit's changed files are remembered (commit-records.ts), so after
 * the first walk a long history costs a pass through memory, not a blob comparison per commit.
 */
export async function history(repo: ConfigRepo, options: HistoryOptions = {}): Promise<CommitSummary[]> {
  const paths = (options.paths ?? []).map(safeRepoPath);
  const limit = options.limit ?? 50;
  const out: CommitSummary[] = [];
  let next: string | undefined = options.from ?? (await headRevision(repo));
  while (next && out.length < limit) {
    const commit: CommitRecord = await commitRecord(repo, next);
    if (options.since !== undefined && commit.timestamp * 1000 < options.since) break;
    const files = paths.filter((p) => commit.changed.has(p));
    if (paths.length === 0 || files.length > 0) out.push(toSummary(commit, files));
    next = commit.parent;
  }
  return out;
}

export async function blobId(repo: ConfigRepo, revision: string, filepath: string): Promise<string | null> {
  try {
    const { oid } = await git.readBlob({ fs: repo.fs, dir: repo.dir, oid: revision, filepath, cache: repo.cache });
    return oid;
  } catch {
    return null;
  }
}

function toSummary(commit: CommitRecord, files: string[]): CommitSummary {
  const message = commit.message.trimEnd();
  return {
    revision: commit.revision,
    shortRevision: commit.revision.slice(0, 7),
    message,
    subject: message.split('\n')[0],
    author: commit.author,
    committer: commit.committer,
    time: new Date(commit.timestamp * 1000).toISOString(),
    parents: commit.parents,
    files,
  };
}
