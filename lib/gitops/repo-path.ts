// Paths inside the config repository. Everything that names a file in it comes through here, so
// no request can read or write outside the repository (../, encoded dots, backslashes, NUL, absolute).
import path from 'node:path';

export class UnsafePathError extends Error {
  constructor(readonly input: string) {
    super('That path is not a file of the config repository.');
    this.name = 'UnsafePathError';
  }
}

/** Returns the normalized repository-relative path (forward slashes) or throws UnsafePathError. */
export function safeRepoPath(input: string): string {
  if (
    input.length === 0 ||
    input.length > 512 ||
    input.includes('\0') ||
    input.includes('\\') ||
    input.startsWith('/') ||
    /%2e|%2f|%5c|%00/i.test(input) ||
    /^[A-Za-z]:/.test(input)
  ) {
    throw new UnsafePathError(input);
  }
  const parts = input.split('/');
  if (parts.some((part) => part === '..' || part === '.' || part === '' || part === '.git')) {
    throw new UnsafePathError(input);
  }
  const normalized = path.posix.normalize(input);
  if (normalized !== input) throw new UnsafePathError(input);
  return normalized;
}

/** Absolute path on disk of a repository file, checked to stay inside the repository. */
export function resolveInRepo(repoDir: string, relative: string): string {
  const safe = safeRepoPath(relative);
  const root = path.resolve(repoDir);
  const absolute = path.resolve(root, safe);
  if (!absolute.startsWith(root + path.sep)) throw new UnsafePathError(relative);
  return absolute;
}
