// 4. Values: checking an edit of a 500-line values file the way saving does it (parse, Helm merge,
//    schema validation with line numbers, for the current and the proposed text, then the
//    plain-words explanation), against the same pipeline compiling the chart's schema anew each
//    time; and commit throughput on a 5,000-commit config repository against a 10-commit one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commitChange } from '@/lib/gitops/commit-change';
import { history } from '@/lib/gitops/history';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { parseDocument } from 'yaml';
import { explainChange, validateValues, type ValuesLayer } from '@/lib/values';
import { benchValuesScale } from './bench-values-scale';
import { onCleanup } from './cleanup';
import { generateConfigRepo } from './generate-config-repo';
import { sample, summarize, timeOnce } from './measure';
import { ms, type SectionResult, speedup } from './report';

export interface ValuesBenchOptions {
  /** The generated company-scale repository (5,000 commits). */
  repoDir: string;
  dataDir: string;
  checks: number;
  baselineChecks: number;
  commits: number;
}

const TARGET_MS = 15;
const ENVIRONMENTS = [
  { name: 'stage', project: 'meridian-stage' },
  { name: 'production', project: 'meridian-prod' },
];

/** A values file of about `lines` lines: an API and many queue workers, a long env map. */
export function bigValuesFile(lines: number): string {
  const out = [
    '# claims-gateway — shared values for stage and production (generated for the benchmark).',
    '',
    'image:',
    '  repository: us-central1-docker.pkg.dev/meridian-shared/apps/claims-gateway',
    '  tag: "2026.11.17-9b1e0d3"',
    '',
    'deployments:',
    '  api:',
    '    port: 8080',
    '    replicas: 3',
    '    resources:',
    '      requests:',
    '        cpu: "500m"',
    '        memory: "512Mi"',
    '      limits:',
    '        cpu: "2"',
    '        memory: "1Gi"',
    '    probes:',
    '      readiness:',
    '        path: /readyz',
    '        periodSeconds: 5',
    '      liveness:',
    '        path: /livez',
    '        periodSeconds: 15',
  ];
  const tail = ['', 'secretEnv:', '  DATABASE_URL:', '    secret: claims-gateway-database-url', '', 'podDisruptionBudget:', '  enabled: true', '  minAvailable: 1', '  maxUnavailable: null', ''];
  const envLines = (count: number) => ['', 'env:', ...Array.from({ length: count }, (_, i) => `  FEATURE_${String(i).padStart(3, '0')}: "${i % 3 === 0 ? 'true' : `value-${i}`}"`)];
  let workers = 0;
  const worker = (n: number) => [
    `  worker-${n}:`,
    `    # Consumes claims queue ${n}.`,
    `    command: ["/app/claims-gateway", "work", "--queue", "claims-${n}"]`,
    '    replicas: 2',
    '    resources:',
    '      requests:',
    '        cpu: "250m"',
    '        memory: "256Mi"',
    '      limits:',
    '        memory: "512Mi"',
    '    env:',
    `      QUEUE_NAME: "claims-${n}"`,
    '      CONCURRENCY: "4"',
  ];
  while (out.length < lines * 0.6) out.push(...worker(++workers));
  out.push(...envLines(Math.max(10, lines - out.length - tail.length - 2)), ...tail);
  return out.join('\n');
}

function edited(text: string): string {
  return text
    .replace('  worker-3:\n    # Consumes claims queue 3.\n    command: ["/app/claims-gateway", "work", "--queue", "claims-3"]\n    replicas: 2', '  worker-3:\n    # Consumes claims queue 3.\n    command: ["/app/claims-gateway", "work", "--queue", "claims-3"]\n    replicas: 4')
    .replace('        memory: "1Gi"', '        memory: "1536Mi"')
    .replace('  FEATURE_001: "value-1"', '  FEATURE_001: "value-1b"');
}

export async function benchValues(options: ValuesBenchOptions, log: (line: string) => void): Promise<SectionResult> {
  const repo = openConfigRepo(options.repoDir);
  const head = await headRevision(repo);
  const schemaText = (await readFile(repo, 'chart/values.schema.json', head)) ?? '';
  const chart = (await readFile(repo, 'chart/values.yaml', head)) ?? '';
  const stage = (await readFile(repo, 'apps/provider-api/values-stage.yaml', head)) ?? '';
  const current = bigValuesFile(500);
  const proposed = edited(current);
  const layers = (text: string): ValuesLayer[] => [
    { file: 'chart/values.yaml', kind: 'chart', text: chart },
    { file: 'apps/claims-gateway/values.yaml', kind: 'app', text },
    { file: 'apps/claims-gateway/values-stage.yaml', kind: 'environment', text: stage },
  ];
  const validate = (schema: object, text: string) => {
    const result = validateValues({ schema, layers: layers(text), environment: 'stage', environments: ENVIRONMENTS });
    if (!result.ok || !result.merged) throw new Error(`the benchmark's values file does not validate: ${JSON.stringify(result.problems.slice(0, 2))}`);
    return result.merged;
  };
  const schema = JSON.parse(schemaText) as object;
  const currentMerged = validate(schema, current);
  // The editor's check of an edit: the proposed text parsed, merged, validated, then explained
  // against the current values (already validated when the editor opened).
  const check = (s: object) => explainChange({ before: currentMerged, after: validate(s, proposed), environment: 'stage' });
  // Saving validates both sides again on the server (evaluateValuesChange).
  const save = (s: object) => explainChange({ before: validate(s, current), after: validate(s, proposed), environment: 'stage' });
  const effects = check(schema);
  if (effects.length < 3) throw new Error(`expected the edit to explain 3 effects, got ${effects.length}`);
  log(`values: checking a ${current.split('\n').length}-line values file`);
  const berth = summarize(await sample(() => check(schema), { samples: options.checks, maxMs: 20_000, warmup: 5 }));
  const baseline = summarize(await sample(() => check(JSON.parse(schemaText) as object), { samples: options.baselineChecks, maxMs: 20_000, warmup: 1 }));
  const saving = summarize(await sample(() => save(schema), { samples: Math.ceil(options.checks / 2), maxMs: 20_000, warmup: 2 }));
  const savingBaseline = summarize(await sample(() => save(JSON.parse(schemaText) as object), { samples: options.baselineChecks, maxMs: 20_000, warmup: 1 }));
  const yamlOnly = summarize(await sample(() => parseDocument(proposed), { samples: options.checks, maxMs: 10_000, warmup: 5 }));

  // Commits: the same sequence of small values commits on a long and on a short history.
  const commitsOn = async (dir: string) => {
    const target = openConfigRepo(dir);
    const times: number[] = [];
    let started = performance.now();
    // The first commit also loads the pack index and the git index: not counted.
    for (let i = -1; i < options.commits; i++) {
      if (i === 0) started = performance.now();
      const base = await headRevision(target);
      const file = `apps/provider-api/values-stage.yaml`;
      const text = `${(await readFile(target, file, base)) ?? ''}# benchmark commit ${i}\n`;
      const t = performance.now();
      const result = await commitChange(target, { files: [{ path: file, text }], baseRevision: base, author: { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' }, message: `Benchmark commit ${i}` });
      if (i >= 0) times.push(performance.now() - t);
      if (result.status !== 'committed') throw new Error(`commit ${i} was ${result.status}`);
    }
    return { perSecond: options.commits / ((performance.now() - started) / 1000), each: summarize(times) };
  };
  const longDir = path.join(options.dataDir, 'commits-5000');
  const shortDir = path.join(options.dataDir, 'commits-10');
  const removeCopies = onCleanup('commit repositories', () => {
    fs.rmSync(longDir, { recursive: true, force: true });
    fs.rmSync(shortDir, { recursive: true, force: true });
  });
  fs.rmSync(longDir, { recursive: true, force: true });
  fs.cpSync(options.repoDir, longDir, { recursive: true });
  generateConfigRepo({ dir: shortDir, apps: 100, commits: 10 });
  // An app's recent changes (its page and its history), on a fresh copy so nothing is remembered yet.
  log('values: an app\'s 10 most recent changes on the 5,000-commit repository');
  const historyRepo = openConfigRepo(longDir);
  const appPaths = ['app.yaml', 'values.yaml', 'values-stage.yaml', 'values-production.yaml'].map((f) => `apps/provider-api/${f}`);
  const firstHistory = await timeOnce(() => history(historyRepo, { paths: appPaths, limit: 10 }));
  const historyWarm = summarize(await sample(() => history(historyRepo, { paths: appPaths, limit: 10 }), { samples: 50, maxMs: 5_000, warmup: 1 }));
  const cliLog = () => execFileSync('git', ['-C', longDir, 'log', '--first-parent', '-n', '10', '--format=%H', 'main', '--', ...appPaths], { encoding: 'utf8' }).trim().split('\n');
  const historyCli = summarize(await sample(cliLog, { samples: 10, maxMs: 10_000, warmup: 1 }));
  if ((await history(historyRepo, { paths: appPaths, limit: 10 })).map((c) => c.revision).join() !== cliLog().join()) throw new Error('history() and git log disagree on provider-api');

  log(`values: ${options.commits} commits on a 5,000-commit and on a 10-commit repository`);
  const long = await commitsOn(longDir);
  const short = await commitsOn(shortDir);
  await removeCopies();

  const scale = await benchValuesScale({ schema, chart, samples: Math.max(20, Math.round(options.checks / 5)) }, log);

  const ratio = speedup(berth.p95, baseline.p95);
  return {
    rows: [
      { section: '4', measure: 'values check p95 (500 lines: parse, merge, validate, explain)', berth: ms(berth.p95), baseline: `${ms(baseline.p95)} (schema recompiled)`, ratio: ratio.text, target: `< ${TARGET_MS} ms`, met: berth.p95 < TARGET_MS },
      { section: '4', measure: 'values check p50', berth: ms(berth.p50), baseline: ms(baseline.p50), ratio: speedup(berth.p50, baseline.p50).text, target: '—' },
      { section: '4', measure: '  of which YAML parse alone (yaml.parseDocument) p50', berth: ms(yamlOnly.p50), baseline: '—', ratio: '—', target: '—' },
      { section: '4', measure: 'values save p95 (both sides validated, explain)', berth: ms(saving.p95), baseline: `${ms(savingBaseline.p95)} (schema recompiled)`, ratio: speedup(saving.p95, savingBaseline.p95).text, target: '—' },
      { section: '4', measure: "an app's 10 latest changes, 5,000 commits: p50", berth: ms(historyWarm.p50), baseline: `${ms(historyCli.p50)} (git log CLI)`, ratio: speedup(historyWarm.p50, historyCli.p50).text, target: '—' },
      { section: '4', measure: '  the first time (what each commit changed, worked out once)', berth: ms(firstHistory), baseline: `${ms(historyCli.p50)} (git log CLI)`, ratio: speedup(firstHistory, historyCli.p50).text, target: '—' },
      {
        section: '4',
        measure: 'commits/s, 5,000-commit repository',
        berth: `${long.perSecond.toFixed(1)}/s (p95 ${ms(long.each.p95)})`,
        baseline: `${short.perSecond.toFixed(1)}/s on 10 commits`,
        ratio: `${(long.perSecond / short.perSecond).toFixed(2)}× the short history`,
        target: '—',
      },
      ...scale.rows,
    ],
    raw: { lines: current.split('\n').length, effects: effects.length, check: berth, checkWithoutCache: baseline, save: saving, saveWithoutCache: savingBaseline, yamlParse: yamlOnly, history: { first: firstHistory, warm: historyWarm, gitCli: historyCli }, commits: { count: options.commits, long, short }, scale: scale.raw },
    notes: [
      '4: values check = the proposed file through validateValues (YAML parse with limits and positions, Helm merge with the chart defaults and the stage file, Ajv with line/column) and explainChange against the current values; save = the server\'s evaluateValuesChange core (both sides validated, then explained); baseline = the same with a new schema object each time, so Ajv compiles it again (what the compiled-schema cache saves). Commits: commitChange (the clone checked and healed, the tree built from the head, objects and branch written atomically, working tree and index following) one after another on a copy of the 5,000-commit repository vs a fresh 10-commit one.',
      ...scale.notes,
    ],
  };
}
