#!/usr/bin/env node
// `npm start`: Berth on its embedded default — SQLite, a local git config repository, and the
// sandbox Kubernetes, Cloud Logging and Envoy admin servers — at http://localhost:3000. Ctrl-C stops everything.
//
//   node scripts/start.mjs [--dev] [--port 3000] [--data-dir .data] [--fresh] [--seed N] [--time-scale N]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { needsBuild } from './needs-build.mjs';
import { run, startProcess, stopAll, waitForHttp } from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'data-dir': { type: 'string', default: process.env.BERTH_DATA_DIR ?? '.data' },
    fresh: { type: 'boolean', default: false },
    seed: { type: 'string' },
    'time-scale': { type: 'string' },
    'auth-mode': { type: 'string' },
  },
});

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.resolve(root, args['data-dir']);
if (args.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const env = {
  BERTH_DATA_DIR: dataDir,
  BERTH_SANDBOX: '1',
  KUBECONFIG: path.join(dataDir, 'kubeconfig'),
  AUTH_SECRET: process.env.AUTH_SECRET ?? authSecret(dataDir),
  // `next start` runs with NODE_ENV=production; the embedded default is the sandbox demo.
  BERTH_ALLOW_DEV_AUTH: process.env.BERTH_ALLOW_DEV_AUTH ?? '1',
  METADATA_SERVER_DETECTION: 'none',
  // next-auth v4 takes its own origin from the Host header (behind IAP, set NEXTAUTH_URL instead).
  AUTH_TRUST_HOST: process.env.AUTH_TRUST_HOST ?? '1',
  NEXT_TELEMETRY_DISABLED: '1',
  // Berth handles SIGTERM itself (lib/startup/handle-termination.ts): drain, close, exit.
  NEXT_MANUAL_SIG_HANDLE: '1',
  ...(args['auth-mode'] ? { AUTH_MODE: args['auth-mode'] } : {}),
};

async function main() {
  // 1. The sample config repository (first start only) — the sandbox deployer and Berth both read it.
  // The log backend's address is known only once the sandbox runs; preparing needs none.
  const prepared = await run(tsx, ['--conditions=react-server', path.join(root, 'sandbox', 'prepare.ts')], { env: { ...env, LOG_SOURCE: 'kubernetes' }, cwd: root });
  if (prepared !== 0) return stopAll(prepared);

  // 2. The sandbox clusters and log server; they write the kubeconfig and their addresses.
  const sandboxMain = path.join(root, 'sandbox', 'main.ts');
  if (fs.existsSync(sandboxMain)) {
    const addressFile = path.join(dataDir, 'sandbox.json');
    fs.rmSync(addressFile, { force: true });
    const sandboxArgs = ['--conditions=react-server', sandboxMain, '--data-dir', dataDir];
    if (args.seed) sandboxArgs.push('--seed', args.seed);
    if (args['time-scale']) {
      sandboxArgs.push('--time-scale', args['time-scale']);
      // Cutover windows follow the sandbox's clock: a 15-minute window lasts 45 s at 20×.
      env.BERTH_TIME_SCALE = args['time-scale'];
    }
    startProcess('sandbox', tsx, sandboxArgs, { env, cwd: root });
    const addresses = await waitForFile(addressFile, 60_000);
    if (addresses.cloudLoggingEndpoint) env.CLOUD_LOGGING_ENDPOINT = addresses.cloudLoggingEndpoint;
    if (addresses.envoyAdminEndpoint) env.ENVOY_ADMIN_ENDPOINT = addresses.envoyAdminEndpoint;
  }

  // 3. Berth itself.
  if (args.dev) {
    startProcess('berth', process.execPath, [next, 'dev', '--port', args.port], { env: { ...env, NODE_ENV: 'development' }, cwd: root });
  } else {
    if (needsBuild(root)) {
      console.log('Building Berth (only when the sources changed)…');
      const built = await run(process.execPath, [next, 'build'], { env: { NEXT_TELEMETRY_DISABLED: '1' }, cwd: root });
      if (built !== 0) return stopAll(built);
    }
    startProcess('berth', process.execPath, [next, 'start', '--port', args.port], { env, cwd: root });
  }
  await waitForHttp(`http://127.0.0.1:${args.port}/api/healthz`, 120_000);
  console.log(`\nBerth is running at http://localhost:${args.port} (sandbox cluster, demo sign-in). Ctrl-C stops it.\n`);
}

function authSecret(dir) {
  // A per-checkout secret for the demo's session cookies, kept so restarts keep you signed in.
  const file = path.join(dir, 'auth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the sandbox did not start within ${timeoutMs / 1000} s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
