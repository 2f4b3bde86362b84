import 'server-only';
import path from 'node:path';
import git from 'isomorphic-git';
import type { ConfigRepo } from './config-repo';
import { RepositoryDamagedError } from './repository-damaged-error';
import { safeRepoPath } from './repo-path';

const OBJECT_ID = /^[0-9a-f]{40}$/;
const SAFE_BRANCH = /^(?!.*\.\.)[A-Za-z0-9._/-]+$/;

/**
 * The commit id the branch points at now. Every status request and page asks for it, so it reads
 * the loose ref file itself (one small read, exact as git sees it) instead of isomorphic-git's
 * lookup, which tries four ref spellings and packed-refs, each through a lock. A packed ref, a
 * worktree's `.git` file or anything unusual falls back to isomorphic-git.
 */
export async function headRevision(repo: ConfigRepo): Promise<string> {
  return readLooseRef(repo) ?? git.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/heads/${repo.branch}` });
}

function readLooseRef(repo: ConfigRepo): string | null {
  if (!SAFE_BRANCH.test(repo.branch)) return null;
  try {
    // Synchronous on purpose: 41 bytes from local disk, cheaper than four thread-pool hops.
    const text = repo.fs.readFileSync(path.join(repo.dir, '.git', 'refs', 'heads', repo.branch), 'utf8').trim();
    return OBJECT_ID.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** A file's text at a revision (default: the branch head), or null when it does not exist there. */
export async function readFile(repo: ConfigRepo, filepath: string, revision?: string): Promise<string | null> {
  const safe = safeRepoPath(filepath);
  const oid = revision ?? (await headRevision(repo));
  try {
    const { blob } = await git.readBlob({ fs: repo.fs, dir: repo.dir, oid, filepath: safe, cache: repo.cache });
    return new TextDecoder().decode(blob);
  } catch (error) {
    if (isNotFound(error)) return absent(error, oid, safe, null);
    throw error;
  }
}

export interface FolderEntry {
  name: string;
  path: string;
  type: 'file' | 'folder';
}

/** Entries of a folder at a revision; an empty list when the folder does not exist. */
export async function listFolder(repo: ConfigRepo, folder: string, revision?: string): Promise<FolderEntry[]> {
  const safe = folder === '' ? '' : safeRepoPath(folder);
  const oid = revision ?? (await headRevision(repo));
  try {
    const { tree } = await git.readTree({ fs: repo.fs, dir: repo.dir, oid, filepath: safe || undefined, cache: repo.cache });
    return tree
      .map((entry) => ({
        name: entry.path,
        path: safe ? `${safe}/${entry.path}` : entry.path,
        type: entry.type === 'tree' ? ('folder' as const) : ('file' as const),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if (isNotFound(error)) return absent(error, oid, safe, []);
    throw error;
  }
}

/**
 * A path that is not there at a revision (or a revision that does not exist) reads as absent; an
 * object that revision's own trees point at but the repository does not hold is damage, and must
 * not read as "no such file" (an empty catalog, "there is no app called …").
 */
function absent<T>(error: unknown, revision: string, filepath: string, value: T): T {
  const missing = (error as { data?: { what?: unknown } }).data?.what;
  if (typeof missing === 'string' && OBJECT_ID.test(missing) && missing !== revision) {
    throw new RepositoryDamagedError(`object ${missing.slice(0, 12)}, part of ${filepath || 'the top folder'} at ${revision.slice(0, 12)}, is not in the repository`);
  }
  return value;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'NotFoundError';
}
