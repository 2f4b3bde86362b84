#!/usr/bin/env node
// `npm test`: type-check, lint, unit and integration tests (vitest), then the browser tests
// (Playwright in Debian's Chromium). Every step runs; the exit code says whether all passed.
import fs from 'node:fs';
import path from 'node:path';
import { run, runQuietly } from './processes.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = path.join(root, 'test-results');
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });
const env = { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', NEXT_TELEMETRY_DISABLED: '1', METADATA_SERVER_DETECTION: 'none' };

// Type-check, lint and the promtool check read the sources only and each use one core: they run
// side by side (on 2 cores, ~25 s instead of ~45 s), each one's output printed whole when it ends.
// The build is not among them: it rewrites .next/types, which the type-check reads.
const checks = [
  ['type-check', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['--max-warnings=0', '.']],
  ['promtool (Debian prometheus) for the metrics format test', process.execPath, [path.join(root, 'scripts', 'ensure-promtool.mjs')]],
];
const vitest = ['unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(reports, 'vitest.json')}`, `--reporter=${path.join(root, 'scripts', 'vitest-failures-reporter.mjs')}`]];
// Getting the browser tests ready (Chromium there, Berth built) runs beside vitest: its suites
// mostly wait on clocks and processes (~30 % of 2 cores idle), and the build uses that. On 2 cores
// vitest took 98–114 s alone and 110–112 s beside a rebuild; on a fresh clone, whose first build is
// slower, vitest and the build took 141 s together against 152 s one after the other.
const browserSetup = [
  ['Chromium for the browser tests', process.execPath, [path.join(root, 'scripts', 'ensure-chromium.mjs')]],
  ['the production build for the browser tests', process.execPath, [path.join(root, 'scripts', 'build-if-needed.mjs')]],
];
const playwright = ['browser tests', bin('playwright'), ['test']];

const failed = [];
console.log(`\n▶ ${checks.map(([name]) => name).join(', ')} (side by side)`);
await Promise.all(checks.map((step) => runStepQuietly(step)));
console.log(`\n▶ ${vitest[0]} (beside them: ${browserSetup.map(([name]) => name).join(', ')})`);
const [, setupPassed] = await Promise.all([
  runStep(vitest),
  (async () => {
    for (const step of browserSetup) if (!(await runStepQuietly(step))) return false;
    return true;
  })(),
]);
if (setupPassed) {
  console.log(`\n▶ ${playwright[0]}`);
  await runStep(playwright);
} else {
  failed.push(playwright[0]);
  console.log(`\n▶ ${playwright[0]}: not run, they could not be set up (see above)`);
}

async function runStep([name, command, args]) {
  const code = await run(command, args, { env, cwd: root });
  if (code !== 0) failed.push(name);
  return code === 0;
}

/** Runs a step with its output kept, then prints it whole: for steps that run beside others. */
async function runStepQuietly([name, command, args]) {
  const { code, output } = await runQuietly(command, args, { env, cwd: root });
  console.log(`\n▶ ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  if (code !== 0) failed.push(name);
  return code === 0;
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitestReport = readJson(path.join(reports, 'vitest.json'));
if (vitestReport) {
  counts.passed += vitestReport.numPassedTests;
  counts.failed += vitestReport.numFailedTests;
  counts.skipped += vitestReport.numPendingTests + vitestReport.numTodoTests;
}
const playwrightReport = readJson(path.join(reports, 'playwright.json'));
if (playwrightReport?.stats) {
  counts.passed += playwrightReport.stats.expected + playwrightReport.stats.flaky;
  counts.failed += playwrightReport.stats.unexpected;
  counts.skipped += playwrightReport.stats.skipped;
}

console.log(failed.length ? `\nFailed: ${[...new Set(failed)].join(', ')}` : '\nAll steps passed.');
// A CI log is often read from its end only: say there what failed and why, not just that it did.
for (const line of whatFailed(playwrightReport)) console.log(line);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failed.length ? 1 : 0);

/** One line per failure of either runner, with the first line of its error. */
function whatFailed(playwrightReport) {
  const lines = [];
  try {
    lines.push(...fs.readFileSync(path.join(reports, 'vitest-failures.txt'), 'utf8').split('\n').filter(Boolean).map((line) => `  ${line}`));
  } catch {
    // vitest did not get as far as its report: its own output above says why.
  }
  const firstLine = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n')[0].slice(0, 300);
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected') continue;
        lines.push(`  ✗ e2e/${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}: ${firstLine(test.results?.at(-1)?.error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of playwrightReport?.suites ?? []) visit(suite, []);
  return lines;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
