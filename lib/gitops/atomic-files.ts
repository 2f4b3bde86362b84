import 'server-only';
// How Berth writes inside a clone so that a crash (SIGKILL, a node lost) at any moment leaves
// every file either as it was or as it became, never half-written:
// - objects go to a temporary file beside them (`tmp_obj_*`, the name git itself uses and `git
//   fsck` ignores), are flushed to disk, then renamed into place;
// - the index and refs are written the way git writes them: create `<file>.lock` exclusively (if
//   it exists, someone else — the git CLI, an operator — is writing, and we wait), write and flush
//   it, rename it over the file. A lock no live process holds open (its writer crashed) is stale
//   and is removed, with a log line saying so; where that cannot be told, one older than
//   STALE_LOCK_MS is.
// isomorphic-git writes loose objects and the index in place (a crash leaves them truncated, and
// an object it finds on disk is never rewritten), so every write Berth asks of it goes through
// `gitWriteFs` below.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { logger } from '@/lib/logger/logger';

/** A git lock older than this has no living writer: git commands hold them for milliseconds. */
export const STALE_LOCK_MS = 10_000;
/** How long a write waits for a lock held by someone else before giving up. */
const LOCK_WAIT_MS = 3_000;

export class RepositoryLockedError extends Error {
  constructor(readonly lockFile: string) {
    super(`The config repository is being written by another git process (${path.basename(lockFile)} is held); try again in a moment.`);
    this.name = 'RepositoryLockedError';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ageMs(file: string): number | null {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return null; // gone
  }
}

/**
 * Whether a live process on this machine has `file` open (git keeps its lock files open from
 * creation until the rename that releases them). Undefined when this cannot be told: no /proc,
 * or processes whose open files we may not read.
 */
function heldOpen(file: string): boolean | undefined {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  let unknown = false;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') unknown = true;
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === file) return true;
      } catch {
        // closed meanwhile
      }
    }
  }
  return unknown ? undefined : false;
}

/**
 * Waits until `lockFile` is released. A lock is stale — its writer died — when no live process
 * holds it open (checked twice, 100 ms apart), or, where that cannot be told, once it is
 * STALE_LOCK_MS old; a stale lock is removed and logged. A live one is waited for up to `waitMs`,
 * then RepositoryLockedError. Returns whether a stale lock was removed. (Berth's clone is its
 * pod's own: a process in another container holding it open is not expected.)
 */
export async function awaitLockRelease(lockFile: string, waitMs = LOCK_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  let unheldBefore = false;
  for (;;) {
    const age = ageMs(lockFile);
    if (age === null) return false;
    const held = heldOpen(path.resolve(lockFile));
    const unheld = held === false;
    // A lock a live process holds is never taken away, however old; age decides only where
    // nobody can tell who holds it.
    if ((unheld && unheldBefore) || (held === undefined && age >= STALE_LOCK_MS)) {
      fs.rmSync(lockFile, { force: true });
      logger.warn({ lockFile, ageMs: Math.round(age) }, 'removed a stale git lock (its writer is gone)');
      return true;
    }
    unheldBefore = unheld;
    if (Date.now() >= deadline) throw new RepositoryLockedError(lockFile);
    await sleep(unheld ? 100 : 50);
  }
}

function writeAndFlush(fd: number, data: string | Uint8Array): void {
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `target` through `<target>.lock`, as git does (waits for another writer's lock). */
export async function writeThroughLock(target: string, data: string | Uint8Array): Promise<void> {
  const lockFile = `${target}.lock`;
  for (;;) {
    let fd: number;
    try {
      fd = fs.openSync(lockFile, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      await awaitLockRelease(lockFile);
      continue;
    }
    try {
      writeAndFlush(fd, data);
      fs.renameSync(lockFile, target);
    } catch (error) {
      fs.rmSync(lockFile, { force: true });
      throw error;
    }
    return;
  }
}

/** Writes a new file (an object, a working-tree file) through a temporary file and a rename. */
export function writeThroughTemp(target: string, data: string | Uint8Array, tempPrefix = '.berth-tmp-'): void {
  const temp = path.join(path.dirname(target), `${tempPrefix}${randomBytes(6).toString('hex')}`);
  const fd = fs.openSync(temp, 'wx', 0o644);
  try {
    writeAndFlush(fd, data);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function isLockProtected(file: string): boolean {
  const inGit = file.split(path.sep).includes('.git');
  if (!inGit) return false;
  const base = path.basename(file);
  return base === 'index' || base === 'HEAD' || base === 'packed-refs' || base === 'config' || file.includes(`${path.sep}refs${path.sep}`);
}

async function writeFileSafely(file: string, data: string | Uint8Array, options?: { encoding?: BufferEncoding } | BufferEncoding): Promise<void> {
  const encoding = typeof options === 'string' ? options : options?.encoding;
  const bytes = typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : data;
  if (isLockProtected(file)) return writeThroughLock(file, bytes);
  const inObjects = file.includes(`${path.sep}objects${path.sep}`);
  writeThroughTemp(file, bytes, inObjects ? 'tmp_obj_' : '.berth-tmp-');
}

/** The file system isomorphic-git is given for every write: reads as usual, writes as above. */
export const gitWriteFs = {
  promises: {
    readFile: fs.promises.readFile.bind(fs.promises),
    writeFile: writeFileSafely,
    mkdir: fs.promises.mkdir.bind(fs.promises),
    rmdir: fs.promises.rmdir.bind(fs.promises),
    unlink: fs.promises.unlink.bind(fs.promises),
    stat: fs.promises.stat.bind(fs.promises),
    lstat: fs.promises.lstat.bind(fs.promises),
    readdir: fs.promises.readdir.bind(fs.promises),
    readlink: fs.promises.readlink.bind(fs.promises),
    symlink: fs.promises.symlink.bind(fs.promises),
    chmod: fs.promises.chmod.bind(fs.promises),
  },
};
