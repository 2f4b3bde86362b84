import 'server-only';
import git from 'isomorphic-git';
import { commitRecord } from './commit-records';
import type { ConfigRepo } from './config-repo';
import { headRevision } from './read-repo';

export type RevisionPlace = 'on-branch' | 'not-on-branch' | 'missing';

/**
 * Where a revision someone names stands: the branch head or one of its first-parent ancestors
 * (Berth's history is linear), a commit that is not part of the branch, or no commit at all.
 * Walks remembered commit records (commit-records.ts), so a long history is a pass through memory.
 */
export async function placeOfRevision(repo: ConfigRepo, revision: string): Promise<RevisionPlace> {
  try {
    await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: revision, cache: repo.cache });
  } catch {
    return 'missing';
  }
  let next: string | undefined = await headRevision(repo);
  while (next) {
    if (next === revision) return 'on-branch';
    next = (await commitRecord(repo, next)).parent;
  }
  return 'not-on-branch';
}
