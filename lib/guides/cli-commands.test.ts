// Every kubectl and gcloud command Berth tells engineers to run — the translator's, for every CLI
// command, sample app and environment, and every one in the guides — checked by the real CLIs:
// kubectl's own parser (`--help` rejects an unknown command or flag), `--dry-run=client` and reads
// against the sandbox kube API server running the sample apps, and `gcloud … --help` for every
// group, command and flag. A mistyped flag, resource, deployment or container fails here.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sampleTranslatorCatalog } from '@/lib/testing/sample-translator-catalog';
import { checkGcloud, checkKubectlSyntax, isPlaceholderWord, mapLimit, runCli, simpleCommands, useGcloudHelpDiskCache, type SimpleCommand } from '@/lib/testing/cli-check';
import { renderDesiredApp } from '@/sandbox/deployer/render-desired-app';
import { startKubeApiServer, type KubeApiServer } from '@/sandbox/kube-api/server';
import { waitFor } from '@/sandbox/kube-api/test-helpers';
import { mergeLayers, parseLayers } from '@/lib/values';
import { readFileSync } from 'node:fs';
import { extractCodeBlocks, shellCommands } from './code-blocks';
import { getGuide, listGuides } from './load-guides';
import { listCommands } from './load-commands';
import { translateCommand } from './translate-command';

const { environments, apps } = sampleTranslatorCatalog();
const commands = listCommands();
const CONFIG_REPO = join(process.cwd(), 'sandbox', 'config-repo');

/**
 * Kinds the sandbox API server does not serve but the real clusters have: Kubernetes' own
 * (kubernetes.io/docs/reference/kubectl/#resource-types) and Istio's CRDs (istio.io reference).
 */
const KINDS_NOT_IN_THE_SANDBOX = new Set([
  'services',
  'service',
  'svc',
  'jobs',
  'job',
  'horizontalpodautoscalers',
  'hpa',
  'virtualservices.networking.istio.io',
  'gateways.networking.istio.io',
  'authorizationpolicies.security.istio.io',
]);

/** cloud-sql-proxy v2's flags used in our commands (github.com/GoogleCloudPlatform/cloud-sql-proxy, README). */
const CLOUD_SQL_PROXY_FLAGS = new Set(['--private-ip', '--auto-iam-authn', '--port', '--address']);

/**
 * kubectl and gcloud come from the kubectl and google-cloud-cli packages of Google's apt repository
 * (Debian's own kubernetes-client is 1.20, too old for these commands). In CI they must be there,
 * as PostgreSQL must; elsewhere the suite says it was skipped and why. .ci/run installs them where
 * the repository is set up.
 */
const MISSING_CLIS = ['kubectl', 'gcloud'].filter((program) => {
  const probe = spawnSync(program, program === 'kubectl' ? ['version', '--client'] : ['version'], { stdio: 'ignore', env: { ...process.env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' } });
  return probe.error !== undefined || probe.status !== 0;
});
if (MISSING_CLIS.length && process.env.CI) {
  throw new Error(`${MISSING_CLIS.join(' and ')} must be installed in CI (packages kubectl and google-cloud-cli): the CLI command checks are not optional there.`);
}
if (MISSING_CLIS.length) {
  console.warn(`CLI command checks skipped: ${MISSING_CLIS.join(' and ')} not installed (packages kubectl and google-cloud-cli from Google's apt repository).`);
}
const describeWithClis = MISSING_CLIS.length ? describe.skip : describe;

let server: KubeApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;
let servedKinds: Set<string>;

function readConfig(file: string): string {
  return readFileSync(join(CONFIG_REPO, file), 'utf8');
}

beforeAll(async () => {
  if (MISSING_CLIS.length) return;
  dir = await mkdtemp(join(tmpdir(), 'cli-commands-'));
  env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), HOME: dir, CLOUDSDK_CONFIG: join(dir, 'gcloud'), CLOUDSDK_CORE_DISABLE_PROMPTS: '1' };
  server = await startKubeApiServer({ clusters: environments.map((e) => e.name), seed: 'cli-commands', timeScale: 50 });
  for (const environment of environments) {
    const desired = apps.map((shape) => {
      const { parsed } = parseLayers([
        { file: 'chart/values.yaml', kind: 'chart', text: readConfig('chart/values.yaml') },
        { file: `apps/${shape.name}/values.yaml`, kind: 'app', text: readConfig(`apps/${shape.name}/values.yaml`) },
        { file: `apps/${shape.name}/values-${environment.name}.yaml`, kind: 'environment', text: readConfig(`apps/${shape.name}/values-${environment.name}.yaml`) },
      ]);
      return renderDesiredApp({ app: shape.name, namespace: shape.namespace, revision: 'cli-commands', values: mergeLayers(parsed) });
    });
    server.applyDesiredState(environment.name, desired);
  }
  await server.writeKubeconfig(join(dir, 'kubeconfig'));
  await waitFor(
    () => environments.every((e) => apps.every((shape) => server.store(e.name).list('pods', shape.namespace).length > 0)),
    { what: 'every sample app to have pods in both clusters', timeoutMs: 20_000 },
  );
  // Every name kubectl accepts for a kind the sandbox serves: plural, singular, short names.
  const resources = await runCli('kubectl', ['api-resources', '--context', environments[0].context, '--no-headers'], env);
  servedKinds = new Set(
    resources.stdout
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        const columns = line.trim().split(/\s+/);
        const [name, ...rest] = columns;
        const kind = columns.at(-1)?.toLowerCase() ?? '';
        const shortNames = rest.length === 4 ? rest[0].split(',') : [];
        return [name, kind, ...shortNames];
      }),
  );
  await useGcloudHelpDiskCache(join(process.cwd(), 'node_modules', '.cache', 'berth-gcloud-help'), env);
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// What a namespace holds, read once per cluster with kubectl itself

type NamespaceObjects = { deployments: Map<string, { labels: Record<string, string>; containers: string[] }>; pods: Record<string, string>[] };
const objectsCache = new Map<string, Promise<NamespaceObjects>>();

function namespaceObjects(context: string, namespace: string): Promise<NamespaceObjects> {
  const key = `${context}/${namespace}`;
  let cached = objectsCache.get(key);
  if (!cached) {
    cached = runCli('kubectl', ['get', 'deployments,pods', '-n', namespace, '--context', context, '-o', 'json'], env).then((result) => {
      const list = JSON.parse(result.stdout || '{"items":[]}') as {
        items: { kind: string; metadata: { name: string; labels?: Record<string, string> }; spec: { template?: { spec: { containers: { name: string }[] } } } }[];
      };
      const deployments = new Map<string, { labels: Record<string, string>; containers: string[] }>();
      const pods: Record<string, string>[] = [];
      for (const item of list.items) {
        if (item.kind === 'Deployment') deployments.set(item.metadata.name, { labels: item.metadata.labels ?? {}, containers: item.spec.template?.spec.containers.map((c) => c.name) ?? [] });
        if (item.kind === 'Pod') pods.push(item.metadata.labels ?? {});
      }
      return { deployments, pods };
    });
    objectsCache.set(key, cached);
  }
  return cached;
}

function matches(labels: Record<string, string>, selector: string): boolean {
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return labels[key] === value;
  });
}

function flagValue(words: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < words.length; i += 1) {
    for (const name of names) {
      if (words[i] === name) return words[i + 1];
      if (words[i].startsWith(`${name}=`)) return words[i].slice(name.length + 1);
    }
  }
  return undefined;
}

/** Flags that take a value, so the word after them is not a positional argument. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '-l', '--selector', '-c', '--container', '-o', '--output', '-f', '--filename', '--tail', '--since', '--max-log-requests', '--replicas', '--sort-by', '--copy-to', '--image', '--timeout']);

function positionals(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (words[i] === '--') break;
    if (words[i].startsWith('-')) {
      if (VALUE_FLAGS.has(words[i])) i += 1;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

const syntaxCache = new Map<string, Promise<string[]>>();
const runCache = new Map<string, Promise<string[]>>();

/** kubectl's parser, once per subcommand and set of flags. */
function kubectlSyntax(words: string[]): Promise<string[]> {
  const plain = positionals(words).slice(0, 2);
  const flags = words.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]);
  const key = [...plain, ...flags.sort()].join(' ');
  let cached = syntaxCache.get(key);
  if (!cached) {
    cached = checkKubectlSyntax(words, env);
    syntaxCache.set(key, cached);
  }
  return cached;
}

async function checkKubectl(command: SimpleCommand): Promise<string[]> {
  const { words } = command;
  const problems = [...(await kubectlSyntax(words))];
  if (problems.length > 0) return problems;
  const context = flagValue(words, '--context');
  const namespace = flagValue(words, '-n', '--namespace');
  if (!context || !namespace || isPlaceholderWord(context) || isPlaceholderWord(namespace)) return problems;
  if (!environments.some((e) => e.context === context)) return [`unknown context ${context}`];
  const objects = await namespaceObjects(context, namespace);
  const args = positionals(words);
  const [verb, second] = args;

  // Resource kinds of `get` and friends must be real kinds.
  if (verb === 'get' || verb === 'describe') {
    for (const kind of (second ?? '').split(',').filter(Boolean)) {
      const name = kind.split('/')[0];
      if (!servedKinds.has(name) && !KINDS_NOT_IN_THE_SANDBOX.has(name)) problems.push(`no resource type "${name}"`);
    }
  }
  // Named objects must exist.
  for (const word of args.slice(1)) {
    const match = /^(deployment|deploy|deployments)\/(.+)$/.exec(word);
    if (match && !isPlaceholderWord(match[2]) && !objects.deployments.has(match[2])) problems.push(`no deployment ${match[2]} in ${namespace} (${context})`);
  }
  // Selectors must select something.
  const selector = flagValue(words, '-l', '--selector');
  if (selector && !isPlaceholderWord(selector)) {
    const onDeployments = /deployment/.test(second ?? '') || (verb === 'rollout' && /deployment/.test(args[2] ?? ''));
    const found = onDeployments ? [...objects.deployments.values()].some((d) => matches(d.labels, selector)) : objects.pods.some((labels) => matches(labels, selector));
    if (!found) problems.push(`-l ${selector} selects nothing in ${namespace} (${context})`);
  }
  // Containers are named after the app's deployments.
  const container = flagValue(words, '-c', '--container');
  if (container && !isPlaceholderWord(container) && ![...objects.deployments.values()].some((d) => d.containers.includes(container))) {
    problems.push(`no container ${container} in ${namespace} (${context})`);
  }
  // And what can run against the sandbox runs: dry runs and reads.
  const dashDash = words.indexOf('--');
  const own = dashDash === -1 ? words : words.slice(0, dashDash);
  let runnable: string[] | null = null;
  const served = (word: string | undefined) => (word ?? '').split(',').every((k) => servedKinds.has(k.split('/')[0]));
  if (verb === 'scale') runnable = [...own, '--dry-run=client'];
  else if (verb === 'rollout' && second === 'history') runnable = own;
  else if (verb === 'get' && served(second)) runnable = own;
  else if (verb === 'logs' && !args.slice(1).some(isPlaceholderWord) && args.slice(1).every((w) => !w.includes('/') || served(w))) {
    runnable = own.filter((w) => w !== '-f' && w !== '--follow');
  }
  if (runnable && !runnable.some(isPlaceholderWord)) {
    // The same command for another app differs only in names already checked above: run one per
    // kind of command and cluster.
    const shape = `${context} ${args.slice(0, 2).join(' ')} ${runnable.filter((w) => w.startsWith('-')).map((w) => w.split('=')[0]).sort().join(' ')}`;
    let ran = runCache.get(shape);
    if (!ran) {
      ran = runCli('kubectl', runnable, env).then((result) => (result.code === 0 ? [] : [`kubectl ${runnable.join(' ')}: ${result.stderr.split('\n')[0]}`]));
      runCache.set(shape, ran);
    }
    problems.push(...(await ran));
  }
  return problems;
}

async function check(command: SimpleCommand): Promise<string[]> {
  switch (command.program) {
    case 'kubectl':
      return checkKubectl(command);
    case 'gcloud':
      return checkGcloud(command.words, env);
    case 'cloud-sql-proxy':
      return command.words.filter((w) => w.startsWith('-') && !CLOUD_SQL_PROXY_FLAGS.has(w.split('=')[0])).map((w) => `cloud-sql-proxy has no flag ${w}`);
    default:
      return [];
  }
}

/** Checks shell lines, each simple command once, and returns "line: problem" strings. */
async function problemsOf(lines: string[]): Promise<string[]> {
  const unique = new Map<string, SimpleCommand>();
  for (const line of lines) for (const command of simpleCommands(line)) unique.set(`${command.program} ${command.words.join('\u0000')}`, command);
  const checked = await mapLimit([...unique.values()], 4, async (command) => (await check(command)).map((problem) => `${command.source}\n    → ${problem}`));
  return checked.flat();
}

describeWithClis('the CLIs this machine has', () => {
  it('are installed and need no network for help', async () => {
    expect((await runCli('kubectl', ['version', '--client'], env)).code).toBe(0);
    expect((await runCli('gcloud', ['version'], env)).stdout).toMatch(/Google Cloud SDK/);
  });

  it('catch a mistyped flag, subcommand, resource, deployment and gcloud command', async () => {
    const problems = await problemsOf([
      'kubectl rollout restartt deployment/patient-portal-web -n patient-portal --context stage',
      'kubectl logs -l app.kubernetes.io/instance=patient-portal -n patient-portal --context stage --tial=10',
      'kubectl get deploymnets -n patient-portal --context stage',
      'kubectl rollout restart deployment/scheduler-web -n scheduler --context stage',
      'kubectl exec -it deploy/notifications-consumer -c worker -n notifications --context stage -- sh',
      'gcloud sql instancez list --project meridian-stage',
      'gcloud sql connect provider-api --privat-ip',
      'gcloud sql instances',
    ]);
    expect(problems).toHaveLength(8);
    // Eight real kubectl and gcloud runs; gcloud alone takes seconds to start on a busy machine.
  }, 120_000);
});

describeWithClis('every kubectl and gcloud command the translator writes', () => {
  it('works for every CLI command, every sample app and both environments', async () => {
    const lines = new Set<string>();
    for (const entry of commands) {
      for (const shape of apps) {
        for (const environment of environments) {
          const words = (entry.args ?? [])
            .filter((arg) => !arg.optional && !arg.rest)
            .map((arg) => (arg.placeholder === 'service' ? shape.environments[environment.name].deployments[0].name : arg.placeholder === 'handle' ? (shape.database?.aptible ?? `${shape.name}-db`) : arg.name === 'VAR=VAL' ? 'LOG_LEVEL=debug' : arg.placeholder === 'var' ? 'LOG_LEVEL' : 'x'));
          for (const input of [`aptible ${entry.command} ${words.join(' ')}`, `aptible ${entry.command} ${words.join(' ')} API_TOKEN=abc`]) {
            const result = translateCommand(input, commands, { app: shape, env: environment.name, user: 'ana.souza@meridiancare.example' }, { environments, apps });
            for (const equivalent of result.equivalents) if (equivalent.tool !== 'berth') lines.add(equivalent.command);
          }
        }
      }
    }
    expect(lines.size).toBeGreaterThan(100);
    expect(await problemsOf([...lines])).toEqual([]);
  }, 600_000);
});

describeWithClis('every kubectl and gcloud command in the guides', () => {
  it.each(listGuides().map((g) => g.slug))('%s', async (slug) => {
    const guide = getGuide(slug);
    const lines = extractCodeBlocks(guide?.body ?? '')
      .filter((block) => block.lang === 'bash')
      .flatMap((block) => shellCommands(block.code));
    expect(await problemsOf(lines)).toEqual([]);
  }, 120_000);
});
