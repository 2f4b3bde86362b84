// A config repository at company scale for the benchmarks: the sample company's chart, teams and
// 8 apps, plus generated apps (copies of the healthy sample apps under new names) up to `apps`,
// and a history of `commits` commits (image tags and per-environment tweaks by the teams'
// engineers), written in one go with `git fast-import` so 5,000 commits take seconds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '@/sandbox/kube-api/random';

export interface GeneratedConfigRepo {
  dir: string;
  apps: string[];
  /** The 8 apps of the sample company (the rest are generated). */
  sampleApps: string[];
  commits: number;
  /** The newest commit that changed each app's files for an environment ("<app>/<env>" → revision):
   * what CI/CD stamps on the pods as berth.dev/config-revision. */
  deployedRevisions: Map<string, string>;
}

export interface GenerateConfigRepoOptions {
  dir: string;
  apps: number;
  commits: number;
  seed?: string;
}

const SAMPLE_DIR = path.join(process.cwd(), 'sandbox', 'config-repo');
// Templates for generated apps: the sample apps that run healthy (intake-forms and billing-sync
// carry deliberate faults in stage).
const TEMPLATES = ['patient-portal', 'provider-api', 'scheduler', 'notifications', 'care-admin'];
const DOMAINS = ['lab-results', 'claims', 'pharmacy', 'referrals', 'eligibility', 'consent', 'imaging', 'care-plans', 'messaging', 'payments', 'audit-trail', 'identity', 'video-visits', 'triage', 'outreach', 'rx-refills', 'insurance', 'documents', 'analytics', 'search', 'directory', 'forms'];
const KINDS = ['api', 'worker', 'sync', 'gateway', 'web'];
const TEAMS = ['patient-experience', 'clinical', 'care-ops', 'platform'];

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(root, relative));
    else if (!entry.name.endsWith('.test.ts') && entry.name !== 'README.md') out.push(relative);
  }
  return out.sort();
}

function readPeople(teamsYaml: string): { name: string; email: string }[] {
  const people: { name: string; email: string }[] = [];
  const pattern = /- name: (.+)\n\s+email: (\S+)/g;
  for (let m = pattern.exec(teamsYaml); m; m = pattern.exec(teamsYaml)) people.push({ name: m[1].trim(), email: m[2].trim() });
  return people;
}

function appFile(name: string, team: string, template: string): string {
  return [
    `name: ${name}`,
    `team: ${team}`,
    'description: >-',
    `  Generated for the benchmarks from ${template}'s values.`,
    `namespace: ${name}`,
    'tier: internal',
    'environments: [stage, production]',
    '',
  ].join('\n');
}

/** Writes a fresh repository at `dir` (anything there is replaced). */
export function generateConfigRepo(options: GenerateConfigRepoOptions): GeneratedConfigRepo {
  const random = createRandom(options.seed ?? 'berth-bench');
  fs.rmSync(options.dir, { recursive: true, force: true });
  fs.mkdirSync(options.dir, { recursive: true });

  // 1. The files of the first commit: the sample as it is, then the generated apps.
  const files = new Map<string, string>();
  for (const file of listFiles(SAMPLE_DIR)) files.set(file, fs.readFileSync(path.join(SAMPLE_DIR, file), 'utf8'));
  const sampleApps = [...new Set([...files.keys()].filter((f) => f.startsWith('apps/')).map((f) => f.split('/')[1]))].sort();
  const apps = [...sampleApps];
  const names = DOMAINS.flatMap((d) => KINDS.map((k) => `${d}-${k}`));
  for (let i = 0; apps.length < options.apps; i++) {
    const name = names[i] ?? `service-${i}`;
    const template = TEMPLATES[i % TEMPLATES.length];
    files.set(`apps/${name}/app.yaml`, appFile(name, TEAMS[i % TEAMS.length], template));
    for (const suffix of ['values.yaml', 'values-stage.yaml', 'values-production.yaml']) {
      const text = files.get(`apps/${template}/${suffix}`) ?? '';
      files.set(`apps/${name}/${suffix}`, text.split(template).join(name));
    }
    apps.push(name);
  }
  const people = readPeople(files.get('teams.yaml') ?? '');

  // 2. The history as a fast-import stream: one commit with everything, then one change per commit.
  const chunks: string[] = [];
  const blob = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const start = Math.floor(Date.now() / 1000) - options.commits * 1800;
  // Newest commit (by index) that touched each file.
  const lastTouch = new Map<string, number>();
  const commit = (index: number, message: string, changes: [string, string][]) => {
    for (const [file] of changes) lastTouch.set(file, index);
    const who = people[index % people.length] ?? { name: 'Priya Raman', email: 'priya.raman@meridiancare.example' };
    const when = `${start + index * 1800} +0000`;
    chunks.push(`commit refs/heads/main\nmark :${index + 1}\nauthor ${who.name} <${who.email}> ${when}\ncommitter Berth <berth@meridiancare.example> ${when}\n`);
    chunks.push(blob(`${message}\n`));
    if (index > 0) chunks.push(`from :${index}\n`);
    for (const [file, text] of changes) chunks.push(`M 100644 inline ${file}\n${blob(text)}`);
  };
  commit(0, 'Initial config repository (benchmark scale)', [...files]);
  for (let i = 1; i < options.commits; i++) {
    const app = random.pick(apps);
    if (random.chance(0.6)) {
      const file = `apps/${app}/values.yaml`;
      const tag = `2026.${String(1 + (i % 12)).padStart(2, '0')}.${String(1 + (i % 28)).padStart(2, '0')}-${random.hex(7)}`;
      const text = (files.get(file) ?? '').replace(/^(\s+tag:\s*).*$/m, `$1"${tag}"`);
      files.set(file, text);
      commit(i, `Deploy ${app} ${tag}`, [[file, text]]);
    } else {
      const env = random.chance(0.5) ? 'stage' : 'production';
      const file = `apps/${app}/values-${env}.yaml`;
      const text = `${(files.get(file) ?? '').replace(/\n# bench change \d+\n$/, '\n')}\n# bench change ${i}\n`;
      files.set(file, text);
      commit(i, `Tune ${app} in ${env}`, [[file, text]]);
    }
  }
  chunks.push('done\n');

  // 3. Import, then check the branch out so the working tree and index match (commitChange uses both).
  const git = (args: string[], input?: string) => {
    const result = spawnSync('git', args, { cwd: options.dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
    return result.stdout;
  };
  git(['init', '--quiet', '--initial-branch=main']);
  const marksFile = path.join(options.dir, '.git', 'bench-marks');
  git(['fast-import', '--quiet', '--done', `--export-marks=${marksFile}`], chunks.join(''));
  git(['checkout', '--quiet', '--force', 'main']);
  const revisionOf = new Map(
    fs
      .readFileSync(marksFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [mark, sha] = line.split(' ');
        return [Number(mark.slice(1)) - 1, sha] as const;
      }),
  );
  const deployedRevisions = new Map<string, string>();
  for (const app of apps) {
    for (const env of ['stage', 'production']) {
      const files = ['chart/Chart.yaml', 'chart/values.yaml', `apps/${app}/values.yaml`, `apps/${app}/values-${env}.yaml`];
      const newest = Math.max(...files.map((f) => lastTouch.get(f) ?? 0));
      deployedRevisions.set(`${app}/${env}`, revisionOf.get(newest) ?? '');
    }
  }
  return { dir: options.dir, apps, sampleApps, commits: options.commits, deployedRevisions };
}
