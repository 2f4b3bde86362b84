// Says in plain words — and in the Aptible terms engineers already know — what a change of an
// environment's merged values will do once deployed. Isomorphic: the editor's "Changes" tab and the
// production change request both show it.
import { describeCpu, describeMemory, memoryInMegabytes } from './format-quantity';
import { listLeaves, sameValue } from './list-leaves';
import { isValuesMap } from './merge';
import type { ValuesMap } from './types';
import { formatValuesPath, getValueAt } from './values-path';

export type ValuesEffectKind =
  | 'scale'
  | 'resources'
  | 'env'
  | 'secret'
  | 'image'
  | 'probe'
  | 'endpoint'
  | 'rollout'
  | 'autoscaling'
  | 'pdb'
  | 'service-account'
  | 'migrations'
  | 'deployment-added'
  | 'deployment-removed'
  | 'other';

export interface ValuesEffect {
  path: string;
  kind: ValuesEffectKind;
  summary: string;
  /** What the same change was on Aptible, when there was an equivalent. */
  aptible?: string;
  /**
   * Whether the change itself needs new pods (a changed pod template: image, variables, resources).
   * It is not the whole story on this platform: every values commit restarts every deployment of
   * the app in the environment anyway, because CI/CD stamps the commit on each pod template
   * (berth.dev/config-revision) — a replica change included. Say that with restart-scope.ts.
   */
  restartsPods: boolean;
}

export interface ExplainChangeOptions {
  /** Merged values before the change (chart + app + environment). */
  before: ValuesMap;
  after: ValuesMap;
  environment: string;
}

/** What changed at one place, with the deployment it belongs to (if any). */
interface Change {
  path: string[];
  /** Path inside the deployment (or the whole path for top-level settings). */
  local: string[];
  deployment?: string;
  before: unknown;
  after: unknown;
  environment: string;
  /** The whole merged values after the change, for context (image repository, autoscaling bounds). */
  afterRoot: ValuesMap;
}

type Effect = Omit<ValuesEffect, 'path'>;

const RESTART = '; pods restart to pick it up';
const APTIBLE_RESTARTED = ' — on Aptible this restarted the app by itself';

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (isValuesMap(value)) {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  }
  return String(value);
}

function plain(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(' ');
  return typeof value === 'string' ? value : show(value);
}

function shellWord(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(text) && text !== '' ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function pods(n: unknown): string {
  return typeof n === 'number' ? `${n} pod${n === 1 ? '' : 's'}` : `${show(n)} pods`;
}

function was(before: unknown, describe: (v: unknown) => string = show): string {
  return before === undefined ? '' : ` (was ${describe(before)})`;
}

function generic(change: Change, kind: ValuesEffectKind, restartsPods: boolean): Effect {
  const name = formatValuesPath(change.path);
  const summary =
    change.after === undefined
      ? `${name} is removed (was ${show(change.before)})`
      : change.before === undefined
        ? `${name} is set to ${show(change.after)}`
        : `${name} changes from ${show(change.before)} to ${show(change.after)}`;
  return { kind, summary, restartsPods };
}

function explainScale(change: Change): Effect {
  const who = change.deployment ?? 'every deployment without its own replicas';
  const count = change.after ?? 1;
  const summary =
    count === 0
      ? `${who} will run no pods in ${change.environment}${was(change.before, pods)}: it stops`
      : `${who} will run ${pods(count)} instead of ${change.before ?? 1} in ${change.environment}`;
  return {
    kind: 'scale',
    summary,
    aptible: `aptible apps:scale ${change.deployment ?? 'SERVICE'} --container-count ${plain(count)}`,
    restartsPods: false,
  };
}

function explainResources(change: Change): Effect {
  const [, bound, resource] = change.local;
  const pod = change.deployment ? `each ${change.deployment} pod` : 'each pod';
  const service = change.deployment ?? 'SERVICE';
  if (resource === 'memory' && (bound === 'limits' || bound === 'requests')) {
    const amount = (v: unknown) => describeMemory(v) ?? show(v);
    const verb = bound === 'limits' ? 'may use up to' : 'reserves';
    const summary =
      change.after === undefined
        ? `${pod} no longer has a memory ${bound === 'limits' ? 'limit' : 'request'} (was ${amount(change.before)})`
        : `${pod} ${verb} ${amount(change.after)} of memory${change.before === undefined ? ` (was no ${bound === 'limits' ? 'limit' : 'request'})` : ` (was ${amount(change.before)})`}`;
    const megabytes = memoryInMegabytes(change.after);
    return {
      kind: 'resources',
      summary,
      ...(bound === 'limits' && megabytes !== undefined
        ? { aptible: `aptible apps:scale ${service} --container-size ${megabytes}` }
        : {}),
      restartsPods: true,
    };
  }
  if (resource === 'cpu' && (bound === 'limits' || bound === 'requests')) {
    const amount = (v: unknown) => describeCpu(v) ?? show(v);
    const verb = bound === 'limits' ? 'may use up to' : 'reserves';
    const summary =
      change.after === undefined
        ? `${pod} no longer has a CPU ${bound === 'limits' ? 'limit' : 'request'} (was ${amount(change.before)})`
        : `${pod} ${verb} ${amount(change.after)}${change.before === undefined ? '' : ` (was ${amount(change.before)})`}`;
    return {
      kind: 'resources',
      summary,
      aptible: 'on Aptible, CPU came with the container size and profile (aptible apps:scale --container-size / --container-profile)',
      restartsPods: true,
    };
  }
  return generic(change, 'resources', true);
}

function explainEnv(change: Change): Effect {
  const name = change.local[1];
  const scope = change.deployment ? ` for ${change.deployment}` : '';
  const restart = change.deployment ? `; ${change.deployment}'s pods restart to pick it up` : RESTART;
  if (change.after === undefined) {
    return {
      kind: 'env',
      summary: `${name}${scope} is removed (was ${show(change.before)})${restart}`,
      aptible: `aptible config:unset ${name}${APTIBLE_RESTARTED}`,
      restartsPods: true,
    };
  }
  const summary =
    change.before === undefined
      ? `${name}${scope} is set to ${show(change.after)}${restart}`
      : `${name}${scope} changes from ${show(change.before)} to ${show(change.after)}${restart}`;
  return { kind: 'env', summary, aptible: `aptible config:set ${name}=${shellWord(change.after)}${APTIBLE_RESTARTED}`, restartsPods: true };
}

/** The Secret Manager secret a secretEnv entry reads — its name only; values never live in values files. */
function describeSecret(reference: unknown): string | undefined {
  if (typeof reference === 'string') return `\`${reference}\``;
  if (!isValuesMap(reference)) return undefined;
  const name = reference.secret ?? reference.secretName ?? reference.name;
  if (typeof name !== 'string') return undefined;
  return reference.version !== undefined ? `\`${name}\` (version ${plain(reference.version)})` : `\`${name}\``;
}

function explainSecret(change: Change): Effect {
  const variable = change.local[1];
  const scope = change.deployment ? ` for ${change.deployment}` : '';
  const before = describeSecret(change.before) ?? 'another reference';
  const after = describeSecret(change.after);
  const secret = after ? `Secret Manager secret ${after}` : 'a Secret Manager secret';
  const summary =
    change.after === undefined
      ? `${variable}${scope} no longer comes from Secret Manager (was ${before})${RESTART}`
      : change.before === undefined
        ? `${variable}${scope} now comes from ${secret}${RESTART}`
        : `${variable}${scope} now reads ${secret} (was ${before})${RESTART}`;
  return {
    kind: 'secret',
    summary,
    aptible:
      change.after === undefined
        ? `aptible config:unset ${variable}${APTIBLE_RESTARTED}`
        : `aptible config:set ${variable}=… — on Aptible secrets were config vars too; here the value stays in Secret Manager`,
    restartsPods: true,
  };
}

function explainImage(change: Change): Effect {
  const field = change.local[1];
  const who = change.deployment ? `${change.deployment} ` : '';
  const image = isValuesMap(getValueAt(change.afterRoot, change.path.slice(0, -1)))
    ? (getValueAt(change.afterRoot, change.path.slice(0, -1)) as ValuesMap)
    : {};
  const repository = typeof image.repository === 'string' ? image.repository : 'IMAGE';
  if (field === 'tag' && change.after !== undefined) {
    return {
      kind: 'image',
      summary: `${who}deploys image tag ${plain(change.after)}${was(change.before, plain)}`,
      aptible: `aptible deploy --docker-image ${repository}:${plain(change.after)}`,
      restartsPods: true,
    };
  }
  if (field === 'repository' && change.after !== undefined) {
    return {
      kind: 'image',
      summary: `${who}deploys images from ${plain(change.after)}${was(change.before, plain)}`,
      aptible: `aptible deploy --docker-image ${plain(change.after)}:${plain(image.tag ?? 'TAG')}`,
      restartsPods: true,
    };
  }
  if (field === undefined && typeof change.after === 'string') {
    return {
      kind: 'image',
      summary: `${who}deploys image ${change.after}${was(change.before, plain)}`,
      aptible: `aptible deploy --docker-image ${change.after}`,
      restartsPods: true,
    };
  }
  return generic(change, 'image', true);
}

function describeProbe(probe: unknown): string {
  if (!isValuesMap(probe)) return show(probe);
  const http = isValuesMap(probe.httpGet) ? probe.httpGet : probe;
  const exec = isValuesMap(probe.exec) ? probe.exec.command : probe.command;
  if (typeof http.path === 'string') return `calls ${http.path}${http.port !== undefined ? ` on port ${plain(http.port)}` : ''}`;
  if (exec !== undefined) return `runs \`${plain(exec)}\``;
  if (probe.tcpSocket !== undefined || probe.type === 'tcp') return 'opens a TCP connection';
  return show(probe);
}

function explainProbe(change: Change): Effect {
  const name = change.local[0] === 'probes' ? change.local[1] : change.local[0].replace(/Probe$/, '');
  const subject = `${change.deployment ? `${change.deployment}'s` : 'the'} ${name} probe`;
  if (change.after === undefined) return { kind: 'probe', summary: `${subject} is removed${RESTART}`, restartsPods: true };
  if (change.before === undefined || !isValuesMap(change.before) || !isValuesMap(change.after)) {
    return {
      kind: 'probe',
      summary: `${subject} ${describeProbe(change.after)}${was(change.before, describeProbe)}${RESTART}`,
      ...(name === 'readiness' || name === 'liveness'
        ? { aptible: 'on Aptible the health check hit /healthcheck and accepted any HTTP status; Kubernetes probes need a 2xx or 3xx answer' }
        : {}),
      restartsPods: true,
    };
  }
  const paths = new Set([...listLeaves(change.before), ...listLeaves(change.after)].map((leaf) => JSON.stringify(leaf.path)));
  const details = [...paths]
    .sort()
    .map((json) => JSON.parse(json) as string[])
    .filter((path) => !sameValue(getValueAt(change.before, path), getValueAt(change.after, path)))
    .map((path) => `${path.join('.')} from ${show(getValueAt(change.before, path))} to ${show(getValueAt(change.after, path))}`);
  return { kind: 'probe', summary: `${subject} changes: ${details.join(', ')}${RESTART}`, restartsPods: true };
}

function explainEndpoint(change: Change): Effect {
  const field = change.local[change.local.length - 1];
  if (change.local[0] === 'virtualService' && field === 'hosts' && (Array.isArray(change.before) || Array.isArray(change.after))) {
    const before = Array.isArray(change.before) ? change.before.map(String) : [];
    const after = Array.isArray(change.after) ? change.after.map(String) : [];
    const added = after.filter((host) => !before.includes(host));
    const removed = before.filter((host) => !after.includes(host));
    const parts = [
      ...(added.length > 0 ? [`the app ${before.length > 0 ? 'also ' : ''}answers on ${added.join(', ')}`] : []),
      ...(removed.length > 0 ? [`it no longer answers on ${removed.join(', ')}`] : []),
    ];
    return {
      kind: 'endpoint',
      summary: parts.length > 0 ? parts.join('; ') : `the hosts are reordered: ${after.join(', ')}`,
      ...(added.length > 0 ? { aptible: 'like adding an HTTPS Endpoint on Aptible (aptible endpoints:https:create)' } : {}),
      restartsPods: false,
    };
  }
  if (change.local[0] === 'virtualService' && field === 'enabled' && change.local.length === 2) {
    return {
      kind: 'endpoint',
      summary:
        change.after === true
          ? 'the app gets its endpoint (Istio VirtualService) and answers on its hosts'
          : 'the app loses its endpoint (Istio VirtualService): it no longer answers on its hosts',
      restartsPods: false,
    };
  }
  if (change.deployment && (field === 'port' || change.local[0] === 'ports')) {
    return {
      kind: 'endpoint',
      summary:
        change.after === undefined
          ? `${change.deployment} no longer listens on a port (was ${plain(change.before)}); its pods restart`
          : `${change.deployment} listens on port ${plain(change.after)}${was(change.before, plain)}; its pods restart`,
      restartsPods: true,
    };
  }
  return generic(change, 'endpoint', false);
}

function explainRollout(change: Change): Effect {
  const field = change.local[1];
  const who = change.deployment ? ` of ${change.deployment}` : '';
  if (field === 'maxUnavailable' && change.after !== undefined) {
    return {
      kind: 'rollout',
      summary: `during deploys, up to ${plain(change.after)} pod(s)${who} may be down at a time${was(change.before, plain)}`,
      restartsPods: false,
    };
  }
  if (field === 'maxSurge' && change.after !== undefined) {
    return {
      kind: 'rollout',
      summary: `during deploys, up to ${plain(change.after)} extra pod(s)${who} start ahead of the old ones${was(change.before, plain)}`,
      restartsPods: false,
    };
  }
  if ((field === 'strategy' || field === 'type') && change.after === 'Recreate') {
    return {
      kind: 'rollout',
      summary: `deploys stop every old pod${who} before new ones start (Recreate), like Aptible did for background services`,
      restartsPods: false,
    };
  }
  return generic(change, 'rollout', false);
}

function explainAutoscaling(change: Change): Effect {
  const field = change.local[1];
  const who = change.deployment ? ` for ${change.deployment}` : '';
  const block = getValueAt(change.afterRoot, change.path.slice(0, -1));
  const bounds = isValuesMap(block) ? block : {};
  if (field === 'enabled') {
    return {
      kind: 'autoscaling',
      summary:
        change.after === true
          ? `autoscaling turns on${who}: ${plain(bounds.minReplicas ?? 1)} to ${plain(bounds.maxReplicas ?? '?')} pods depending on load`
          : `autoscaling turns off${who}: the pod count is fixed by replicas again`,
      restartsPods: false,
    };
  }
  if (change.after !== undefined && field === 'minReplicas') {
    return { kind: 'autoscaling', summary: `autoscaling keeps at least ${pods(change.after)}${who}${was(change.before, plain)}`, restartsPods: false };
  }
  if (change.after !== undefined && field === 'maxReplicas') {
    return { kind: 'autoscaling', summary: `autoscaling may run up to ${pods(change.after)}${who}${was(change.before, plain)}`, restartsPods: false };
  }
  if (change.after !== undefined && /cpu|memory/i.test(field ?? '')) {
    const resource = /cpu/i.test(field) ? 'CPU' : 'memory';
    const percent = (v: unknown) => `${plain(v)}%`;
    return {
      kind: 'autoscaling',
      summary: `autoscaling aims at ${percent(change.after)} ${resource}${who}${was(change.before, percent)}`,
      restartsPods: false,
    };
  }
  return generic(change, 'autoscaling', false);
}

function explainPdb(change: Change): Effect {
  const field = change.local[1];
  const during = 'during node maintenance and GKE upgrades';
  if (field === 'minAvailable' && change.after !== undefined) {
    return { kind: 'pdb', summary: `${during}, at least ${pods(change.after)} of each deployment stay up${was(change.before, plain)}`, restartsPods: false };
  }
  if (field === 'maxUnavailable' && change.after !== undefined) {
    return {
      kind: 'pdb',
      summary: `${during}, at most ${pods(change.after)} of each deployment may be stopped at a time${was(change.before, plain)}`,
      restartsPods: false,
    };
  }
  if (field === 'enabled') {
    return {
      kind: 'pdb',
      summary:
        change.after === true
          ? `a PodDisruptionBudget keeps pods up ${during}`
          : `no PodDisruptionBudget any more: ${during} may stop all pods at once`,
      restartsPods: false,
    };
  }
  return generic(change, 'pdb', false);
}

function explainServiceAccount(change: Change): Effect {
  const field = change.local[change.local.length - 1];
  if ((field === 'gcpServiceAccount' || field === 'iam.gke.io/gcp-service-account') && typeof change.after === 'string') {
    return {
      kind: 'service-account',
      summary: `pods act as the GCP service account ${change.after} through Workload Identity${was(change.before, plain)}`,
      restartsPods: false,
    };
  }
  return generic(change, 'service-account', false);
}

function explainMigrations(change: Change): Effect {
  const field = change.local[1];
  const aptible = 'before_deploy in .aptible.yml';
  if (field === 'command' && change.after !== undefined) {
    return {
      kind: 'migrations',
      summary: `before each deploy, a job runs \`${plain(change.after)}\`${change.before === undefined ? '' : ` (was \`${plain(change.before)}\`)`}`,
      aptible,
      restartsPods: false,
    };
  }
  if (field === 'enabled') {
    return {
      kind: 'migrations',
      summary: change.after === true ? 'a migration job runs before each deploy' : 'no migration job runs before deploys any more',
      aptible,
      restartsPods: false,
    };
  }
  return generic(change, 'migrations', false);
}

function explainCommand(change: Change): Effect {
  const who = change.deployment as string;
  return {
    kind: 'other',
    summary:
      change.after === undefined
        ? `${who} goes back to the image's default command${change.before === undefined ? '' : ` (was \`${plain(change.before)}\`)`}`
        : `${who} runs \`${plain(change.after)}\`${change.before === undefined ? '' : ` (was \`${plain(change.before)}\`)`}`,
    aptible: `the ${who} line of the Procfile`,
    restartsPods: true,
  };
}

/** Which part of the values a path belongs to, and how much of the path one effect covers. */
function classify(path: string[]): { kind: ValuesEffectKind | 'command'; depth: number } {
  const inDeployment = path[0] === 'deployments' && path.length >= 3;
  const offset = inDeployment ? 2 : 0;
  const head = path[offset];
  const entry = { depth: Math.min(path.length, offset + 2) };
  if (head === 'replicas') return { kind: 'scale', depth: offset + 1 };
  if (head === 'resources') return { kind: 'resources', depth: path.length };
  if (head === 'env') return { kind: 'env', ...entry };
  if (head === 'secretEnv') return { kind: 'secret', ...entry };
  if (head === 'image') return { kind: 'image', depth: path.length };
  if (head === 'probes') return { kind: 'probe', ...entry };
  if (/^(readiness|liveness|startup)Probe$/.test(head ?? '')) return { kind: 'probe', depth: offset + 1 };
  if (head === 'command' || head === 'args') return { kind: inDeployment ? 'command' : 'other', depth: offset + 1 };
  if (head === 'port' || head === 'ports') return { kind: inDeployment ? 'endpoint' : 'other', depth: path.length };
  if (head === 'virtualService' || head === 'service') return { kind: 'endpoint', depth: path.length };
  if (head === 'rollout') return { kind: 'rollout', depth: path.length };
  if (head === 'autoscaling') return { kind: 'autoscaling', depth: path.length };
  if (head === 'podDisruptionBudget') return { kind: 'pdb', depth: path.length };
  if (head === 'serviceAccount') return { kind: 'service-account', depth: path.length };
  if (head === 'migrations') return { kind: 'migrations', depth: path.length };
  return { kind: 'other', depth: path.length };
}

function explainOne(kind: ValuesEffectKind | 'command', change: Change): Effect {
  switch (kind) {
    case 'scale':
      return explainScale(change);
    case 'resources':
      return explainResources(change);
    case 'env':
      return explainEnv(change);
    case 'secret':
      return explainSecret(change);
    case 'image':
      return explainImage(change);
    case 'probe':
      return explainProbe(change);
    case 'endpoint':
      return explainEndpoint(change);
    case 'rollout':
      return explainRollout(change);
    case 'autoscaling':
      return explainAutoscaling(change);
    case 'pdb':
      return explainPdb(change);
    case 'service-account':
      return explainServiceAccount(change);
    case 'migrations':
      return explainMigrations(change);
    case 'command':
      return explainCommand(change);
    default:
      // Anything inside a deployment we do not know is most likely part of its pod template.
      return generic(change, 'other', change.deployment !== undefined);
  }
}

function explainDeployment(name: string, before: unknown, after: unknown): ValuesEffect {
  const path = formatValuesPath(['deployments', name]);
  if (after === undefined) {
    return {
      path,
      kind: 'deployment-removed',
      summary: `removes ${name}: its pods stop, like deleting its Procfile line`,
      aptible: `like removing the ${name} line from the Procfile`,
      restartsPods: false,
    };
  }
  const spec = isValuesMap(after) ? after : {};
  const command = spec.command !== undefined ? `, running \`${plain(spec.command)}\`` : '';
  const replicas = typeof spec.replicas === 'number' ? ` on ${pods(spec.replicas)}` : '';
  return {
    path,
    kind: 'deployment-added',
    summary: `adds ${name}: a new process type, like a new Procfile line${command}${replicas}`,
    aptible: `a new line in the Procfile, which Aptible ran as a new service`,
    restartsPods: false,
  };
}

function* leafPathsOf(...roots: ValuesMap[]): Generator<string[]> {
  for (const root of roots) for (const leaf of listLeaves(root)) yield leaf.path;
}

/** Effects of going from `before` to `after`, sorted by path. */
export function explainChange(options: ExplainChangeOptions): ValuesEffect[] {
  const { before, after, environment } = options;
  // Each effect is explained only if it is listed: a file that changes thousands of values has
  // its first MAX_EFFECTS (by path) put in words and the rest counted.
  const pending: { path: string; explain: () => Effect }[] = [];

  const deploymentsBefore = isValuesMap(before.deployments) ? before.deployments : {};
  const deploymentsAfter = isValuesMap(after.deployments) ? after.deployments : {};
  const addedOrRemoved = new Set<string>();
  for (const name of new Set([...Object.keys(deploymentsBefore), ...Object.keys(deploymentsAfter)])) {
    if ((name in deploymentsBefore) === (name in deploymentsAfter)) continue;
    addedOrRemoved.add(name);
    const effect = explainDeployment(name, deploymentsBefore[name], deploymentsAfter[name]);
    pending.push({ path: effect.path, explain: () => effect });
  }

  const seen = new Set<string>();
  for (const leafPath of leafPathsOf(before, after)) {
    if (leafPath[0] === 'deployments' && addedOrRemoved.has(leafPath[1])) continue;
    const { kind, depth } = classify(leafPath);
    const path = leafPath.slice(0, depth);
    const key = path.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    // A null Helm keeps reaches the templates as "no value": explain it as removed.
    const previous = getValueAt(before, path) ?? undefined;
    const next = getValueAt(after, path) ?? undefined;
    if (sameValue(previous, next)) continue;
    // A map that only gains or loses keys is explained by its leaves.
    if ((isValuesMap(previous) || previous === undefined) && (isValuesMap(next) || next === undefined) && depth === leafPath.length) continue;
    const inDeployment = path[0] === 'deployments' && path.length >= 3;
    const change: Change = {
      path,
      local: inDeployment ? path.slice(2) : path,
      deployment: inDeployment ? path[1] : undefined,
      before: previous,
      after: next,
      environment,
      afterRoot: after,
    };
    pending.push({ path: formatValuesPath(path), explain: () => explainOne(kind, change) });
  }

  // Paths are unique (one effect per place), so the order is the paths' order.
  pending.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const listed = pending.slice(0, MAX_EFFECTS).map(({ path, explain }) => ({ path, ...explain() }));
  if (pending.length <= MAX_EFFECTS) return listed;
  // Thousands of effects help no reviewer and make every answer megabytes: the rest is counted.
  const rest = pending.slice(MAX_EFFECTS);
  return [
    ...listed,
    {
      path: '',
      kind: 'other',
      summary: `${rest.length.toLocaleString('en-US')} more changes, not listed one by one: see the diff`,
      restartsPods: rest.some(({ explain }) => explain().restartsPods),
    },
  ];
}

/** Effects listed per environment; the rest are summed up in one last line. */
export const MAX_EFFECTS = 200;
