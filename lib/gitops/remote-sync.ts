import 'server-only';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ConfigRepo } from './config-repo';
import { gitCli as gitIn } from './git-cli';
import { withWriteLock } from './write-lock';
import { processState } from '@/lib/lifecycle/process-state';

const run = promisify(execFile);

/** Where Berth's clone fetches from and pushes to (CONFIG_REPO_REMOTE). */
export interface RemoteSync {
  url: string;
}

// isomorphic-git speaks only smart HTTP; the git CLI also handles ssh and file remotes and uses
// the credential helpers configured for the pod.
const gitCli = (repo: ConfigRepo, args: string[]) => gitIn(repo.dir, args);

/** Bring the local branch to the remote's head (Berth's clone never holds unpushed work between commits). */
export async function syncFromRemote(repo: ConfigRepo, remote: RemoteSync): Promise<void> {
  await gitCli(repo, ['fetch', '--quiet', remote.url, `+refs/heads/${repo.branch}:refs/remotes/berth/${repo.branch}`]);
  await gitCli(repo, ['reset', '--quiet', '--hard', `refs/remotes/berth/${repo.branch}`]);
}

export async function pushToRemote(repo: ConfigRepo, remote: RemoteSync): Promise<'ok' | 'rejected'> {
  try {
    await gitCli(repo, ['push', '--quiet', '--porcelain', remote.url, `refs/heads/${repo.branch}:refs/heads/${repo.branch}`]);
    return 'ok';
  } catch (error) {
    const text = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    if (/rejected|non-fast-forward|fetch first|stale info/i.test(text)) return 'rejected';
    throw error;
  }
}

const lastRefresh = processState('remote-sync.last-refresh', () => new Map<string, number>());

/**
 * Bring this replica's clone up to the remote before reading what someone is about to edit, so
 * another replica's commits show up. At most once per `maxAgeMs`, under the write lock.
 */
export async function refreshFromRemote(repo: ConfigRepo, remote: RemoteSync | undefined, maxAgeMs = 2000): Promise<void> {
  if (!remote) return;
  const last = lastRefresh.get(repo.dir) ?? 0;
  if (Date.now() - last < maxAgeMs) return;
  lastRefresh.set(repo.dir, Date.now());
  await withWriteLock(repo.dir, () => syncFromRemote(repo, remote));
}

/** A replica's first start: clone the remote unless a clone is already there. */
export async function cloneIfMissing(dir: string, remote: RemoteSync, branch: string): Promise<boolean> {
  const fs = await import('node:fs');
  if (fs.existsSync(`${dir}/.git`)) return false;
  await run('git', ['clone', '--quiet', '--branch', branch, remote.url, dir], { timeout: 120_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  return true;
}
