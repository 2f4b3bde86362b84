import 'server-only';
// Moving the branch: one compare-and-set on its ref, written the way `git update-ref <ref> <new>
// <old>` writes it (a `.lock` file created exclusively, flushed, renamed over the ref), so the
// branch is at the old commit or the new one whatever happens, and never moves from under a
// concurrent writer it did not see.
import fs from 'node:fs';
import path from 'node:path';
import type { ConfigRepo } from './config-repo';
import { awaitLockRelease } from './atomic-files';
import { headRevision } from './read-repo';

export class BranchMovedError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`The branch moved while Berth was writing (expected ${expected.slice(0, 12)}, found ${actual.slice(0, 12)}).`);
    this.name = 'BranchMovedError';
  }
}

export function branchRefFile(repo: ConfigRepo): string {
  return path.join(repo.dir, '.git', 'refs', 'heads', ...repo.branch.split('/'));
}

/** Points the branch at `to` if it still points at `expected`; otherwise BranchMovedError. */
export async function updateBranch(repo: ConfigRepo, to: string, expected: string): Promise<void> {
  const ref = branchRefFile(repo);
  const lockFile = `${ref}.lock`;
  fs.mkdirSync(path.dirname(ref), { recursive: true });
  let fd: number;
  for (;;) {
    try {
      fd = fs.openSync(lockFile, 'wx', 0o644);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await awaitLockRelease(lockFile);
    }
  }
  let open = true;
  try {
    // Read under the lock: nobody following git's protocol can move it now.
    const actual = await headRevision(repo);
    if (actual !== expected) throw new BranchMovedError(expected, actual);
    fs.writeFileSync(fd, `${to}\n`);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    fs.renameSync(lockFile, ref);
  } catch (error) {
    if (open) fs.closeSync(fd);
    fs.rmSync(lockFile, { force: true });
    throw error;
  }
}
