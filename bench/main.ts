// `npm run bench [-- --quick] [-- --only status,propagation,values,logs,masking,viewer,pages,migration]`: Berth
// measured at company scale, each figure beside a baseline measured in the same run, printed as
// one table and written to bench/results/<timestamp>.json. Runs under scripts/bench.mjs (node
// --expose-gc with tsx). Everything listens on 127.0.0.1 and is stopped at the end or on Ctrl-C.
import './server-only-hook';
import crypto from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, onCleanup } from './cleanup';
import { formatTable, machineDescription, type Row, type SectionResult, writeResults } from './report';

const SECTIONS = ['status', 'propagation', 'values', 'logs', 'masking', 'viewer', 'pages', 'migration'] as const;
type Section = (typeof SECTIONS)[number];

const started = performance.now();
const log = (line: string) => process.stdout.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

async function main(): Promise<number> {
  const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const quick = args.quick;
  const only = new Set((args.only?.split(',').map((s) => s.trim()) ?? SECTIONS) as Section[]);
  for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section "${name}" (have ${SECTIONS.join(', ')})`);
  const loadAtStart = os.loadavg()[0];
  const root = process.cwd();
  const dataDir = path.join(root, '.data', 'bench');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  onCleanup('bench data', () => fs.rmSync(dataDir, { recursive: true, force: true }));

  // Berth's configuration is read once per process: set it before anything imports lib/.
  const { startTestIap } = await import('@/lib/testing/iap');
  const iap = await startTestIap();
  onCleanup('IAP key server', () => iap.close());
  Object.assign(process.env, {
    BERTH_DATA_DIR: dataDir,
    CONFIG_REPO_DIR: path.join(dataDir, 'config-repo'),
    KUBECONFIG: path.join(dataDir, 'kubeconfig'),
    AUTH_MODE: 'iap',
    IAP_AUDIENCE: iap.audience,
    IAP_JWKS_URL: iap.jwksUrl,
    AUTH_SECRET: crypto.randomBytes(32).toString('hex'),
    BERTH_SANDBOX: '1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    METADATA_SERVER_DETECTION: 'none',
  });

  const sections: Record<string, SectionResult> = {};
  const run = async (name: string, fn: () => Promise<SectionResult | Record<string, SectionResult>>) => {
    const t = performance.now();
    try {
      const result = await fn();
      if ('rows' in result && Array.isArray(result.rows)) sections[name] = result as SectionResult;
      else Object.assign(sections, result);
    } catch (error) {
      if (stopping) return;
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} FAILED: ${message}`);
      sections[name] = { rows: [{ section: name, measure: `${name} failed`, berth: message.slice(0, 80), baseline: '—', ratio: '—', target: '—', met: false }], raw: { error: message, stack: error instanceof Error ? error.stack : undefined }, notes: [] };
    } finally {
      if (!stopping) log(`${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  };

  const needsWorld = only.has('status') || only.has('propagation') || only.has('values');
  let setup: { repo: import('@/lib/gitops/config-repo').ConfigRepo; generated: import('./generate-config-repo').GeneratedConfigRepo; desired: import('./render-desired-state').DesiredState } | undefined;
  if (needsWorld) {
    const { generateConfigRepo } = await import('./generate-config-repo');
    const { renderDesiredState } = await import('./render-desired-state');
    const { openConfigRepo } = await import('@/lib/gitops/config-repo');
    log('generating a config repository: 100 apps, 5,000 commits (git fast-import)');
    const generated = generateConfigRepo({ dir: path.join(dataDir, 'config-repo'), apps: 100, commits: 5_000 });
    const repo = openConfigRepo(generated.dir);
    log('rendering every app and environment the way the chart would');
    const desired = await renderDesiredState(repo, (app, env) => generated.deployedRevisions.get(`${app}/${env}`) ?? '');
    setup = { repo, generated, desired };
  }

  if (only.has('status') && setup) {
    const { benchStatus } = await import('./bench-status');
    const s = setup;
    await run('status', async () => {
      const { status, memory } = await benchStatus(
        { repo: s.repo, desired: s.desired, measuredApps: s.generated.sampleApps, sizes: quick ? [1_000, 5_000] : [1_000, 5_000, 20_000], dataDir, samples: quick ? 120 : 400, berthPerBaseline: 4, maxMsPerSize: quick ? 10_000 : 30_000 },
        log,
      );
      return { status, memory };
    });
  }
  if (only.has('propagation') && setup) {
    const { benchPropagation } = await import('./bench-propagation');
    const s = setup;
    await run('propagation', () =>
      benchPropagation(
        { repo: s.repo, desired: s.desired, sampleApps: s.generated.sampleApps, pods: 1_000, dataDir, clients: 200, changesPerSecond: 50, durationMs: quick ? 6_000 : 20_000, token: () => iap.token({ email: 'priya.raman@meridiancare.example' }) },
        log,
      ),
    );
  }
  if (only.has('values') && setup) {
    const { benchValues } = await import('./bench-values');
    const s = setup;
    await run('values', () => benchValues({ repoDir: s.generated.dir, dataDir, checks: quick ? 60 : 300, baselineChecks: quick ? 5 : 25, commits: quick ? 8 : 30 }, log));
  }
  if (only.has('logs')) {
    const { benchLogs } = await import('./bench-logs');
    await run('logs', () => benchLogs({ records: 200_000, samples: quick ? 8 : 20 }, log));
  }
  if (only.has('masking')) {
    const { benchMasking } = await import('./bench-masking');
    await run('masking', () => benchMasking({ lines: 50_000, pageSize: 200, rounds: quick ? 3 : 6 }, log));
  }
  if (only.has('viewer')) {
    const { benchLogViewer } = await import('./bench-log-viewer');
    await run('viewer', () => benchLogViewer({ lines: 50_000, wheelSteps: quick ? 40 : 120, baseline: !quick }, log));
  }
  if (only.has('migration')) {
    const { benchMigration } = await import('./bench-migration');
    await run('migration', () => benchMigration({ apps: 200, samples: quick ? 40 : 200 }, log));
  }
  if (only.has('pages')) {
    const { benchPages } = await import('./bench-pages');
    await run('pages', () => benchPages({ buildIfMissing: !quick }, log));
  }

  if (stopping) return 130;
  const order = ['status', 'propagation', 'memory', 'values', 'logs', 'masking', 'viewer', 'pages', 'migration'];
  const ordered = order.filter((name) => sections[name]).map((name) => sections[name]);
  const rows: Row[] = ordered.flatMap((s) => s.rows);
  const notes = ordered.flatMap((s) => s.notes);
  const loadAtEnd = os.loadavg()[0];
  const cores = os.cpus().length;
  const machine = `${machineDescription()}; 1-min load average ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end (the machine is shared)`;
  const busy = Math.max(loadAtStart, loadAtEnd) > cores * 1.5 ? `\nWARNING: the load average went above ${(cores * 1.5).toFixed(0)} on ${cores} cores — other work competed for the CPU and slowed the figures below; rerun on a quieter machine.\n` : '';
  const date = new Date().toISOString();
  const totalMs = performance.now() - started;
  process.stdout.write(`\nBerth benchmarks — ${date} — ${quick ? '--quick' : 'full'} run in ${(totalMs / 1000).toFixed(0)} s — ${machine}\n${busy}\n${formatTable(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  const missed = rows.filter((r) => r.met === false).length;
  const file = writeResults(path.join(root, 'bench', 'results'), { date, mode: quick ? 'quick' : 'full', machine, loadAverage: { start: loadAtStart, end: loadAtEnd }, totalMs, rows, notes, sections: Object.fromEntries(order.filter((n) => sections[n]).map((n) => [n, sections[n].raw])) });
  process.stdout.write(`\n${missed === 0 ? 'Every target met.' : `${missed} target(s) missed.`} Raw results: ${path.relative(root, file)}\n`);
  return 0;
}

let stopping = false;
async function stop(code: number, why?: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (why) log(why);
    const failures = await cleanupAll();
    for (const failure of failures) log(`cleanup: ${failure}`);
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(130, `${signal}: stopping every server`));
// Bounded in time whatever happens: a full run takes a few minutes.
const limitMs = (process.argv.includes('--quick') ? 6 : 20) * 60_000;
setTimeout(() => void stop(2, `time limit of ${limitMs / 60_000} minutes reached: stopping`), limitMs).unref();

main().then(
  (code) => stop(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return stop(1);
  },
);
