import 'server-only';
import git from 'isomorphic-git';
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
  /** Trailers such as Approved-by: from the message. */
  trailers: Record<string, string[]>;
  /** Which of the requested paths this commit changed. */
  files: string[];
}

export interface HistoryOptions {
  /** Only commits that changed one of these files. Empty: every commit. */
  paths?: string[];
  limit?: number;
  /** Start from this revision instead of the branch head. */
  from?: string;
}

/** Newest first: the commits that touched any of `paths`. */
export async function history(repo: ConfigRepo, options: HistoryOptions = {}): Promise<CommitSummary[]> {
  const paths = (options.paths ?? []).map(safeRepoPath);
  const limit = options.limit ?? 50;
  const start = options.from ?? (await headRevision(repo));
  const out: CommitSummary[] = [];
  // Walk first-parent history and compare the blob ids of the requested paths with the parent's:
  // cheaper than a tree diff and exact for "did this file change".
  const log = await git.log({ fs: repo.fs, dir: repo.dir, ref: start, cache: repo.cache });
  for (const entry of log) {
    if (out.length >= limit) break;
    let files: string[] = [];
    if (paths.length > 0) {
      const parent = entry.commit.parent[0];
      for (const filepath of paths) {
        const now = await blobId(repo, entry.oid, filepath);
        const before = parent ? await blobId(repo, parent, filepath) : null;
        if (now !== before) files.push(filepath);
      }
      if (files.length === 0) continue;
    } else {
      files = [];
    }
    out.push(toSummary(entry.oid, entry.commit, files));
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

type CommitObject = Awaited<ReturnType<typeof git.log>>[number]['commit'];

function toSummary(revision: string, commit: CommitObject, files: string[]): CommitSummary {
  const message = commit.message.trimEnd();
  return {
    revision,
    shortRevision: revision.slice(0, 7),
    message,
    subject: message.split('\n')[0],
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
    time: new Date(commit.author.timestamp * 1000).toISOString(),
    parents: commit.parent,
    trailers: parseTrailers(message),
    files,
  };
}

export function parseTrailers(message: string): Record<string, string[]> {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : '';
  const trailers: Record<string, string[]> = {};
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z][A-Za-z-]*):\s+(.+)$/.exec(line);
    if (!match) continue;
    (trailers[match[1]] ??= []).push(match[2]);
  }
  return trailers;
}
