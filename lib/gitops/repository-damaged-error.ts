/** Pages show a digest of this kind as "the config repository cannot be read" (app/error.tsx). */
export const REPOSITORY_UNREADABLE_DIGEST = 'berth:config-repository-unreadable';

/**
 * The config repository cannot be read (its branch, a commit or an object is missing or corrupt):
 * nothing read from it can be trusted, so Berth says so instead of showing an empty catalog.
 */
export class RepositoryDamagedError extends Error {
  /** Next.js keeps a thrown error's digest, so the page can tell this error from any other. */
  readonly digest = REPOSITORY_UNREADABLE_DIGEST;

  constructor(readonly reason: string) {
    super(`The config repository cannot be read: ${reason}`);
    this.name = 'RepositoryDamagedError';
  }
}
