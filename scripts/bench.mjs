#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only status,propagation,values,logs,viewer,pages]`: runs
// bench/main.ts with the flags it needs (--expose-gc for heap figures, tsx for TypeScript) and
// passes Ctrl-C on, so every server it started is stopped. See the README's Performance section.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', path.join('bench', 'main.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
