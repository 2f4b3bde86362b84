import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from '@playwright/test';
import type { TestIap } from '../lib/testing/iap';

const root = path.resolve(__dirname, '..');

export interface BerthProcess {
  child: ChildProcess;
  base: string;
  /** What the server printed so far (stdout and stderr), for a failure's message. */
  output: () => string;
  /** Stops it with `signal` and waits until it has exited. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/**
 * Starts the production build (`next start`) as its own process behind the test IAP, with `env` on
 * top of what every such server needs, and waits until /api/healthz answers 200 — failing at once,
 * with what it printed, if the process exits first. Specs that kill, restart or run several
 * servers use it; the main test server is Playwright's webServer.
 */
export async function startBerthProcess(options: { port: number; iap: TestIap; env: Record<string, string>; timeoutMs?: number }): Promise<BerthProcess> {
  const base = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(options.port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_MODE: 'iap',
      IAP_AUDIENCE: options.iap.audience,
      IAP_JWKS_URL: options.iap.jwksUrl,
      // Lets Berth's own shutdown (lib/lifecycle) handle SIGTERM, as in production.
      NEXT_MANUAL_SIG_HANDLE: '1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`Berth on port ${options.port} exited with ${child.exitCode}:\n${output.slice(-3000)}`);
        return (await fetch(`${base}/api/healthz`).catch(() => null))?.status ?? 0;
      },
      { timeout: options.timeoutMs ?? 90_000 },
    )
    .toBe(200);

  return {
    child,
    base,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
