import 'server-only';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The git CLI in a clone. Berth reads and commits with isomorphic-git; the CLI does what it does
 * best: remote transfers (ssh, file and https remotes, the pod's credential helpers) and putting a
 * damaged clone's index and working tree back to its branch.
 */
export async function gitCli(dir: string, args: string[], options: { timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  return run('git', ['-C', dir, ...args], {
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
}

/** What git printed when it failed, for a log line (never the remote URL, which may hold a token). */
export function gitFailure(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  return (e.stderr?.trim() || e.message || String(error)).replace(/https?:\/\/\S+/g, '<remote>').slice(0, 500);
}
