import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { expect, test } from './fixtures';
import { ownDataDir, silentClusterPort, mainDataDir } from './ports';

// The clusters' API server stops answering without closing anything (SIGSTOP of the sandbox
// process: connections stay open, nothing is refused). Berth — its own production server on its
// own sandbox — must say "unreachable since …" on the page, in the live stream and in readiness
// within its bound, and come back by itself after SIGCONT.
const root = path.resolve(__dirname, '..');
const work = ownDataDir('silent');
const base = `http://127.0.0.1:${silentClusterPort}`;
/** Berth's promise: a probe every 3 s that must be answered within 6 s. */
const BOUND_MS = 9_000;
let iap: TestIap;
let sandbox: ChildProcess | undefined;
let berth: ChildProcess | undefined;
let output = '';

test.describe.configure({ mode: 'serial' });

function spawnLogged(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  iap = await startTestIap();
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--no-local', path.join(mainDataDir, 'config-repo'), path.join(work, 'config-repo')]);
  // node itself (not the tsx launcher), so SIGSTOP reaches the process that serves the API.
  sandbox = spawnLogged(['--import', 'tsx', '--conditions=react-server', 'sandbox/main.ts', '--data-dir', work, '--seed', '42', '--time-scale', '20'], { ...process.env, BERTH_DATA_DIR: work });
  await expect.poll(() => fs.existsSync(path.join(work, 'sandbox.json')), { timeout: 90_000, message: `the sandbox did not start:\n${output}` }).toBe(true);
  berth = spawnLogged([path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(silentClusterPort)], {
    ...process.env,
    NODE_ENV: 'production',
    AUTH_MODE: 'iap',
    IAP_AUDIENCE: iap.audience,
    IAP_JWKS_URL: iap.jwksUrl,
    AUTH_SECRET: 'silent-cluster-secret-0123456789abcdef01234',
    DATABASE_URL: `file:${path.join(work, 'berth.db')}`,
    CONFIG_REPO_DIR: path.join(work, 'config-repo'),
    BERTH_DATA_DIR: work,
    BERTH_SANDBOX: '1',
    KUBECONFIG: path.join(work, 'kubeconfig'),
    LOG_SOURCE: 'kubernetes',
    NEXT_MANUAL_SIG_HANDLE: '1',
    LOG_LEVEL: 'warn',
  });
  await expect
    .poll(async () => (await fetch(`${base}/api/healthz`).catch(() => null))?.status ?? 0, { timeout: 90_000, message: `Berth did not start:\n${output.slice(-3000)}` })
    .toBe(200);
});

test.afterAll(async () => {
  for (const child of [berth, sandbox]) {
    if (child && child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    }
  }
  await iap?.close();
});

type ClusterCheck = { status: string; error?: string; detail?: string };
async function stageReadiness(): Promise<ClusterCheck | undefined> {
  const body = (await (await fetch(`${base}/api/readyz`)).json()) as { checks: Record<string, ClusterCheck> };
  return body.checks['cluster:stage'];
}

/** Reads the app's status stream in the background: every stage status it sends, in order. */
async function followStream(token: string, signal: AbortSignal): Promise<{ reachability: string; unreachableSince?: string }[]> {
  const seen: { reachability: string; unreachableSince?: string }[] = [];
  const response = await fetch(`${base}/api/apps/patient-portal/status/stream?env=stage`, { headers: { 'x-goog-iap-jwt-assertion': token, accept: 'text/event-stream' }, signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((line) => line.startsWith('data: '));
          if (!message.includes('event: status') || !data) continue;
          const status = JSON.parse(data.slice(6)) as { environment: string; cluster: { reachability: string; unreachableSince?: string } };
          if (status.environment === 'stage') seen.push(status.cluster);
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return seen;
}

test('a cluster whose API server goes silent is unreachable on the page, the stream and readiness within the bound, and comes back by itself', async ({ browser }) => {
  test.setTimeout(120_000);
  const token = await iap.token({ email: 'ana.souza@meridiancare.example' });
  await expect.poll(async () => (await stageReadiness())?.status, { timeout: 60_000 }).toBe('ok');
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-goog-iap-jwt-assertion': token } });
  const page = await context.newPage();
  await page.goto(`${base}/apps/patient-portal`);
  const stage = page.getByRole('region', { name: 'stage', exact: true });
  await expect(stage.getByRole('table', { name: 'Pods in stage' })).toBeVisible();
  const streaming = new AbortController();
  const stream = await followStream(token, streaming.signal);
  await expect.poll(() => stream.length, { timeout: 30_000 }).toBeGreaterThan(0);

  const stoppedAt = Date.now();
  sandbox!.kill('SIGSTOP');
  try {
    await expect.poll(async () => (await stageReadiness())?.error ?? '', { timeout: BOUND_MS + 15_000, intervals: [250] }).toMatch(/^unreachable since /);
    const detected = Date.now() - stoppedAt;
    console.log(`silent API server reported unreachable by readiness after ${detected} ms (bound ${BOUND_MS} ms)`);
    expect(detected).toBeLessThanOrEqual(BOUND_MS + 3_000);
    expect(await stageReadiness()).toMatchObject({ status: 'degraded', error: expect.stringContaining('no answer from the API server within 6 s') });
    await expect.poll(() => stream.at(-1)?.reachability, { timeout: 5_000 }).toBe('unreachable');
    await expect(stage.getByRole('alert')).toContainText(/is unreachable since \d/);
    await expect(stage.getByRole('alert')).toContainText('What you see is the last good data');
  } finally {
    sandbox!.kill('SIGCONT');
  }

  await expect.poll(async () => (await stageReadiness())?.status, { timeout: 30_000, intervals: [250] }).toBe('ok');
  await expect.poll(() => stream.at(-1)?.reachability, { timeout: 10_000 }).toBe('reachable');
  await expect(stage.getByRole('alert').filter({ hasText: 'unreachable' })).toHaveCount(0);
  await expect(stage.getByRole('table', { name: 'Pods in stage' })).toBeVisible();
  streaming.abort();
  await context.close();
});
