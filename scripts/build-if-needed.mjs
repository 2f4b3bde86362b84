#!/usr/bin/env node
// Builds Berth when a source changed since the last production build (as `npm start` does).
// `npm test` runs it before the browser tests, so Playwright's wait for its test server covers
// starting the server only, never a build that a busy machine makes slow.
import path from 'node:path';
import { needsBuild } from './needs-build.mjs';
import { run } from './processes.mjs';

const root = path.resolve(import.meta.dirname, '..');
if (!needsBuild(root)) {
  console.log('Berth is built: no source changed since the last build.');
  process.exit(0);
}
console.log('Building Berth (its sources changed)…');
process.exit(await run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { env: { NEXT_TELEMETRY_DISABLED: '1' }, cwd: root }));
