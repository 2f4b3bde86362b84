import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startTestIap, type TestIap } from '../lib/testing/iap';
import { expect, test } from './fixtures';
import { ownDataDir, refusedClusterPort, mainDataDir } from './ports';

// Berth — its own production server — pointed at a Kubernetes API and a Cloud Logging endpoint
// that refuse every connection. The status (page, JSON, stream), the logs (page, JSON) and
// readiness say the cluster and the logs cannot be reached, and none of them names the address
// (an internal IP and port is reconnaissance; /api/readyz answers without an identity).
const root = path.resolve(__dirname, '..');
const work = ownDataDir('refused');
const base = `http://127.0.0.1:${refusedClusterPort}`;
let iap: TestIap;
let berth: ChildProcess | undefined;
let output = '';
let kubePort = 0;
let loggingPort = 0;

test.describe.configure({ mode: 'serial' });

/** A port nothing listens on: connections to it are refused. */
async function refusingPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function kubeconfig(port: number): string {
  const cluster = (name: string) => `  - name: ${name}\n    cluster:\n      server: http://127.0.0.1:${port}/clusters/${name}\n      insecure-skip-tls-verify: true\n`;
  const context = (name: string) => `  - name: ${name}\n    context:\n      cluster: ${name}\n      user: ${name}-user\n`;
  const user = (name: string) => `  - name: ${name}-user\n    user:\n      token: refused-${name}\n`;
  const names = ['stage', 'production'];
  return `apiVersion: v1\nkind: Config\nclusters:\n${names.map(cluster).join('')}contexts:\n${names.map(context).join('')}users:\n${names.map(user).join('')}current-context: stage\n`;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  iap = await startTestIap();
  [kubePort, loggingPort] = [await refusingPort(), await refusingPort()];
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  execFileSync('git', ['clone', '--quiet', '--no-local', path.join(mainDataDir, 'config-repo'), path.join(work, 'config-repo')]);
  fs.writeFileSync(path.join(work, 'kubeconfig'), kubeconfig(kubePort));
  berth = spawn(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'start', '--port', String(refusedClusterPort)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_MODE: 'iap',
      IAP_AUDIENCE: iap.audience,
      IAP_JWKS_URL: iap.jwksUrl,
      AUTH_SECRET: 'refused-cluster-secret-0123456789abcdef0123',
      DATABASE_URL: `file:${path.join(work, 'berth.db')}`,
      CONFIG_REPO_DIR: path.join(work, 'config-repo'),
      BERTH_DATA_DIR: work,
      KUBECONFIG: path.join(work, 'kubeconfig'),
      BERTH_SANDBOX: '1',
      LOG_SOURCE: 'cloud-logging',
      CLOUD_LOGGING_ENDPOINT: `127.0.0.1:${loggingPort}`,
      NEXT_MANUAL_SIG_HANDLE: '1',
      LOG_LEVEL: 'warn',
    },
  });
  berth.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  berth.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect
    .poll(async () => (await fetch(`${base}/api/healthz`).catch(() => null))?.status ?? 0, { timeout: 90_000, message: `Berth did not start:\n${output.slice(-3000)}` })
    .toBe(200);
});

test.afterAll(async () => {
  if (berth && berth.exitCode === null) berth.kill('SIGKILL');
  await iap?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('errors from a refusing cluster and log backend never show their address', async ({ browser }) => {
  test.setTimeout(90_000);
  // (Berth's own address, 127.0.0.1 and its port, may appear in a page: only the backends' are checked.)
  const addresses = [`:${kubePort}`, `:${loggingPort}`];
  const expectNoAddress = (text: string, where: string) => {
    for (const address of addresses) expect(text, `${where} names ${address}`).not.toContain(address);
  };
  const token = await iap.token({ email: 'ana.souza@meridiancare.example' });
  const headers = { 'x-goog-iap-jwt-assertion': token };
  await expect.poll(async () => ((await (await fetch(`${base}/api/readyz`)).json()) as { checks: Record<string, { error?: string }> }).checks['cluster:stage']?.error ?? '', { timeout: 30_000 }).toMatch(/^unreachable/);
  // The address is in what Berth logs for its operators, where it belongs.
  await expect.poll(() => output.includes(`127.0.0.1:${kubePort}`), { timeout: 30_000, message: `Berth did not log the refused connection:\n${output.slice(-2000)}` }).toBe(true);
  const readiness = await (await fetch(`${base}/api/readyz`)).text();
  expect(readiness).toMatch(/ECONNREFUSED|refused|could not be reached/i);
  expectNoAddress(readiness, '/api/readyz');

  const status = await fetch(`${base}/api/apps/patient-portal/status?env=stage`, { headers });
  expect(status.status).toBe(200);
  const statusText = await status.text();
  expect(JSON.parse(statusText)).toMatchObject({ cluster: { reachability: 'unreachable' } });
  expectNoAddress(statusText, 'the status answer');

  // The live stream's first status carries the same cluster state.
  const streaming = new AbortController();
  const stream = await fetch(`${base}/api/apps/patient-portal/status/stream?env=stage`, { headers: { ...headers, accept: 'text/event-stream' }, signal: streaming.signal });
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let events = '';
  while (!events.includes('event: status')) events += (await reader.read()).value ?? '';
  streaming.abort();
  expect(events).toContain('unreachable');
  expectNoAddress(events, 'the status stream');

  const logs = await fetch(`${base}/api/apps/patient-portal/logs?env=stage`, { headers });
  expect(logs.status).toBe(503);
  const logsText = await logs.text();
  expect(JSON.parse(logsText)).toMatchObject({ error: { code: 'unavailable', details: { kind: 'unavailable' } } });
  expectNoAddress(logsText, 'the logs answer');

  const context = await browser.newContext({ extraHTTPHeaders: headers });
  const page = await context.newPage();
  await page.goto(`${base}/apps/patient-portal`);
  await expect(page.getByRole('region', { name: 'stage', exact: true }).getByRole('alert')).toContainText(/unreachable/);
  expectNoAddress(await page.content(), 'the app page');
  await page.goto(`${base}/apps/patient-portal/logs?env=stage`);
  await expect(page.getByText(/Cloud Logging could not be reached/).first()).toBeVisible();
  expectNoAddress(await page.content(), 'the logs page');
  await context.close();
});
