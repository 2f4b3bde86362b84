#!/usr/bin/env node
// `npm run start:prod`: Berth's production server (Next's standalone output) with no sandbox —
// configured entirely by the environment (README, "Run in production"). Builds when needed.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { needsBuild } from './needs-build.mjs';
import { run } from './processes.mjs';

const root = path.resolve(import.meta.dirname, '..');
const distDir = '.next';
const standalone = path.join(root, distDir, 'standalone');

if (needsBuild(root, distDir)) {
  console.log('Building the standalone server…');
  const code = await run(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (code !== 0) process.exit(code);
}
// The standalone folder holds the server and its traced node_modules; static assets and the
// guides' content go beside it, as the Dockerfile does (`npm start` may have made the build).
fs.rmSync(path.join(standalone, distDir, 'static'), { recursive: true, force: true });
fs.cpSync(path.join(root, distDir, 'static'), path.join(standalone, distDir, 'static'), { recursive: true });
fs.rmSync(path.join(standalone, 'content'), { recursive: true, force: true });
fs.cpSync(path.join(root, 'content'), path.join(standalone, 'content'), { recursive: true });

const child = spawn(process.execPath, [path.join(standalone, 'server.js')], {
  cwd: standalone,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', HOSTNAME: '0.0.0.0', NEXT_TELEMETRY_DISABLED: '1', ...process.env, NEXT_MANUAL_SIG_HANDLE: '1' },
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
