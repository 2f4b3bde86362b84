import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { ownDataDir, productionPort, mainDataDir } from './ports';

// `npm run start:prod`: the standalone server as the container runs it — no sandbox, IAP on,
// configured only by the environment. Also its SIGTERM behaviour.
const root = path.resolve(__dirname, '..');
const dataDir = ownDataDir('prod');
const port = productionPort;
const base = `http://127.0.0.1:${port}`;
let iap: TestIap;
let server: ChildProcess;
let output = '';
let exited: Promise<number | null>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(700_000);
  iap = await startTestIap();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  execFileSync('git', ['clone', '--quiet', path.join(mainDataDir, 'config-repo'), path.join(dataDir, 'config-repo')]);
  server = spawn(process.execPath, [path.join(root, 'scripts', 'start-prod.mjs')], {
    cwd: root,
    env: {
      NODE_ENV: 'production',
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      AUTH_MODE: 'iap',
      IAP_AUDIENCE: iap.audience,
      IAP_JWKS_URL: iap.jwksUrl,
      AUTH_SECRET: 'production-smoke-test-secret-0123456789abcdef',
      DATABASE_URL: `file:${path.join(dataDir, 'berth.db')}`,
      CONFIG_REPO_DIR: path.join(dataDir, 'config-repo'),
      BERTH_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      METADATA_SERVER_DETECTION: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: start:prod runs the server as a child, and cleanup must reach both.
    detached: true,
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  await expect
    .poll(
      async () => {
        // Fail at once, with what it printed, if the server died instead of starting.
        if (server.exitCode !== null) throw new Error(`start:prod exited with ${server.exitCode}:\n${output}`);
        return (await fetch(`${base}/api/healthz`).catch(() => null))?.status ?? 0;
      },
      { timeout: 680_000, intervals: [1000] },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await iap?.close();
});

test('serves health, readiness and pages behind IAP', async ({ request }) => {
  expect((await request.get(`${base}/api/healthz`)).status()).toBe(200);
  const ready = await request.get(`${base}/api/readyz`);
  const body = await ready.json();
  expect(body.checks.database).toEqual({ status: 'ok', detail: 'sqlite' });
  expect(body.checks.configRepository.status).toBe('ok');
  expect((await request.get(`${base}/apps`)).status()).toBe(401);
  const token = await iap.token({ email: 'priya.raman@meridiancare.example' });
  const page = await request.get(`${base}/apps`, { headers: { 'x-goog-iap-jwt-assertion': token } });
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('patient-portal');
});

test('on SIGTERM it finishes an in-flight save, then exits cleanly', async () => {
  const token = await iap.token({ email: 'priya.raman@meridiancare.example' });
  const headers = { 'x-goog-iap-jwt-assertion': token, 'content-type': 'application/json' };
  const current = await (await fetch(`${base}/api/apps/billing-sync/values/values-stage.yaml`, { headers })).json();
  const saving = fetch(`${base}/api/apps/billing-sync/values/values-stage.yaml`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ text: `${current.text}# saved during shutdown\n`, baseRevision: current.revision, message: 'Saved while Berth shut down' }),
  });
  server.kill('SIGTERM');
  const response = await saving;
  // Either it was finished before exit, or refused cleanly — never cut off half-way.
  expect([201, 503]).toContain(response.status);
  expect(await exited).toBe(0);
  expect(output).toContain('shut down cleanly');
  const log = execFileSync('git', ['-C', path.join(dataDir, 'config-repo'), 'log', '--format=%s'], { encoding: 'utf8' });
  expect(log.includes('Saved while Berth shut down')).toBe(response.status === 201);
  expect(execFileSync('git', ['-C', path.join(dataDir, 'config-repo'), 'status', '--porcelain'], { encoding: 'utf8' })).toBe('');
});
