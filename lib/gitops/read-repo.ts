import 'server-only';
import git from 'isomorphic-git';
import type { ConfigRepo } from './config-repo';
import { safeRepoPath } from './repo-path';

/** The commit id the branch points at now. */
export async function headRevision(repo: ConfigRepo): Promise<string> {
  return git.resolveRef({ fs: repo.fs, dir: repo.dir, ref: repo.branch });
}

/** A file's text at a revision (default: the branch head), or null when it does not exist there. */
export async function readFile(repo: ConfigRepo, filepath: string, revision?: string): Promise<string | null> {
  const safe = safeRepoPath(filepath);
  const oid = revision ?? (await headRevision(repo));
  try {
    const { blob } = await git.readBlob({ fs: repo.fs, dir: repo.dir, oid, filepath: safe, cache: repo.cache });
    return new TextDecoder().decode(blob);
  } catch (error) {
    if (isNotFound(error)) return null;
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
    if (isNotFound(error)) return [];
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as { code?: string }).code === 'NotFoundError';
}
