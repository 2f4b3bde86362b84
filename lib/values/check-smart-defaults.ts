// The chart's "smart defaults": settings the schema accepts but that hurt in a GKE cluster.
// Warnings only, placed at the line that set the value. Isomorphic.
import { locateValue, problemAtLocation } from './locate-value';
import { isValuesMap } from './merge';
import { mergeLayers } from './parse-layers';
import { problemAtFileStart } from './problem-at';
import type { ParsedValuesLayer, ValuesEnvironment, ValuesKeyPath, ValuesMap, ValuesProblem } from './types';
import { formatValuesPath, getValueAt } from './values-path';

export interface CheckSmartDefaultsOptions {
  /** Parsed layers in precedence order (see parseLayers). */
  layers: readonly ParsedValuesLayer[];
  /** The environment these values deploy to, e.g. stage. */
  environment: string;
  /** Every environment and its GCP project, to catch a Workload Identity pointing at the wrong one. */
  environments?: readonly ValuesEnvironment[];
}

interface Deployment {
  name: string;
  /** Pods it runs without autoscaling; Kubernetes' default of 1 when nothing says otherwise. */
  replicas: number;
  /** The lowest pod count it can have: autoscaling.minReplicas when autoscaled. */
  minPods: number;
  autoscaled: boolean;
  hasPort: boolean;
  /** Where its pod count is set: replicas, or the autoscaler's minReplicas. */
  sizePath: ValuesKeyPath;
}

function map(value: unknown): ValuesMap {
  return isValuesMap(value) ? value : {};
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** An int-or-percent as Kubernetes resolves it against `total` pods. */
function resolveIntOrPercent(value: unknown, total: number, round: 'up' | 'down'): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)%$/.exec(value.trim());
  if (!match) return /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  const exact = (Number(match[1]) / 100) * total;
  return round === 'up' ? Math.ceil(exact) : Math.floor(exact);
}

function autoscalingEnabled(value: unknown): boolean {
  return map(value).enabled === true;
}

function listDeployments(merged: ValuesMap): Deployment[] {
  const topAutoscaling = map(merged.autoscaling);
  const fallbackReplicas = count(merged.replicas) ?? 1;
  return Object.entries(map(merged.deployments))
    .filter(([, spec]) => isValuesMap(spec))
    .map(([name, raw]) => {
      const spec = map(raw);
      const hasPort = (spec.port ?? spec.ports) != null;
      // A deployment's own autoscaling block wins; the top-level one applies to serving deployments.
      const own = isValuesMap(spec.autoscaling) ? spec.autoscaling : undefined;
      const autoscaling = own ?? (hasPort ? topAutoscaling : undefined);
      const autoscaled = autoscalingEnabled(autoscaling);
      const replicas = count(spec.replicas) ?? fallbackReplicas;
      const minPods = autoscaled ? (count(map(autoscaling).minReplicas) ?? 1) : replicas;
      const sizePath = !autoscaled
        ? ['deployments', name, 'replicas']
        : own
          ? ['deployments', name, 'autoscaling', 'minReplicas']
          : ['autoscaling', 'minReplicas'];
      return { name, replicas, minPods, autoscaled, hasPort, sizePath };
    });
}

function pods(n: number): string {
  return `${n} pod${n === 1 ? '' : 's'}`;
}

/** Helm-merged values, plus a warning builder that points at whichever file set a path. */
function warner(layers: readonly ParsedValuesLayer[]) {
  return (path: ValuesKeyPath, code: string, message: string): ValuesProblem => {
    const details = { code, message, severity: 'warning' as const, path: formatValuesPath(path) };
    const location = locateValue(layers, path);
    if (location) return problemAtLocation(location, details);
    const fallback = layers.find((layer) => layer.kind === 'app') ?? layers[layers.length - 1];
    return problemAtFileStart(fallback?.file ?? 'values.yaml', details);
  };
}

function checkDisruptionBudget(merged: ValuesMap, deployments: Deployment[], warn: ReturnType<typeof warner>): ValuesProblem[] {
  const pdb = merged.podDisruptionBudget;
  if (!isValuesMap(pdb) || pdb.enabled === false) return [];
  if (pdb.minAvailable === undefined && pdb.maxUnavailable === undefined) return [];
  const field = pdb.minAvailable !== undefined ? 'minAvailable' : 'maxUnavailable';
  const problems: ValuesProblem[] = [];
  const blocked: Deployment[] = [];
  for (const deployment of deployments) {
    const total = deployment.minPods;
    // Kubernetes rounds PDB percentages up, for minAvailable and maxUnavailable alike.
    const mayStop =
      field === 'minAvailable'
        ? total - (resolveIntOrPercent(pdb.minAvailable, total, 'up') ?? 0)
        : (resolveIntOrPercent(pdb.maxUnavailable, total, 'up') ?? 1);
    if (mayStop > 0) continue;
    // One pod is a problem of the deployment, not of the budget: say it where its size is set.
    if (total === 1) {
      problems.push(
        warn(
          deployment.sizePath,
          'pdb-single-replica',
          `${deployment.name} runs 1 pod and has a PodDisruptionBudget, so no voluntary disruption is ever allowed: node drains and GKE upgrades wait on it forever. Run at least 2 pods, or turn the budget off for it`,
        ),
      );
    } else {
      blocked.push(deployment);
    }
  }
  if (blocked.length > 0) {
    const names = blocked.map((d) => `${d.name} (${pods(d.minPods)})`).join(', ');
    const value = String(pdb[field]);
    problems.unshift(
      warn(
        ['podDisruptionBudget', field],
        'pdb-blocks-drains',
        field === 'minAvailable'
          ? `podDisruptionBudget.minAvailable (${value}) keeps every pod up for ${names}, so none may ever be evicted: node drains and GKE upgrades get stuck. Set it lower than the pod count, or use maxUnavailable: 1`
          : `podDisruptionBudget.maxUnavailable (${value}) lets no pod be evicted for ${names}: node drains and GKE upgrades get stuck. Use maxUnavailable: 1`,
      ),
    );
  }
  return problems;
}

function checkAutoscalingAgainstReplicas(
  layers: readonly ParsedValuesLayer[],
  deployments: Deployment[],
  warn: ReturnType<typeof warner>,
): ValuesProblem[] {
  // Only the app's own files count: a chart default replicas is expected to yield to the HPA.
  const own = layers.filter((layer) => layer.kind !== 'chart');
  const problems: ValuesProblem[] = [];
  for (const deployment of deployments) {
    if (!deployment.autoscaled || !deployment.hasPort) continue;
    const path = ['deployments', deployment.name, 'replicas'];
    const fixed = own.map((layer) => getValueAt(layer.value, path)).filter((v) => v !== undefined && v !== null);
    if (fixed.length === 0) continue;
    problems.push(
      warn(
        path,
        'replicas-fights-autoscaling',
        `${deployment.name} fixes replicas (${String(fixed[fixed.length - 1])}) while autoscaling is on: each deploy resets the pod count and the autoscaler then moves it again. Remove replicas and set autoscaling.minReplicas / maxReplicas instead`,
      ),
    );
  }
  return problems;
}

function checkRolloutCapacity(merged: ValuesMap, deployments: Deployment[], warn: ReturnType<typeof warner>): ValuesProblem[] {
  const problems: ValuesProblem[] = [];
  for (const deployment of deployments) {
    if (deployment.minPods !== 1) continue;
    const ownRollout = map(map(map(merged.deployments)[deployment.name]).rollout);
    const fromDeployment = ownRollout.maxUnavailable !== undefined;
    const maxUnavailable = fromDeployment ? ownRollout.maxUnavailable : map(merged.rollout).maxUnavailable;
    // Kubernetes rounds a maxUnavailable percentage down: 25% of 1 pod is 0.
    const stops = resolveIntOrPercent(maxUnavailable, 1, 'down');
    if (stops === undefined || stops < 1) continue;
    const path = fromDeployment ? ['deployments', deployment.name, 'rollout', 'maxUnavailable'] : ['rollout', 'maxUnavailable'];
    problems.push(
      warn(
        path,
        'rollout-drops-to-zero',
        deployment.hasPort
          ? `rollout.maxUnavailable is ${String(maxUnavailable)} and ${deployment.name} runs 1 pod: during each deploy its only pod stops before the new one is ready, so it serves nothing for a while. Use maxUnavailable: 0 with maxSurge: 1, or run 2 pods`
          : `rollout.maxUnavailable is ${String(maxUnavailable)} and ${deployment.name} runs 1 pod: during each deploy nothing runs until the new pod starts. Fine for a worker that must never run twice; otherwise use maxUnavailable: 0 with maxSurge: 1`,
      ),
    );
  }
  return problems;
}

const GCP_SERVICE_ACCOUNT = /^[^@\s]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\.iam\.gserviceaccount\.com$/;

function checkWorkloadIdentity(
  merged: ValuesMap,
  environment: string,
  environments: readonly ValuesEnvironment[],
  warn: ReturnType<typeof warner>,
): ValuesProblem[] {
  const serviceAccount = map(merged.serviceAccount);
  const candidates: [ValuesKeyPath, unknown][] = [
    [['serviceAccount', 'gcpServiceAccount'], serviceAccount.gcpServiceAccount],
    [
      ['serviceAccount', 'annotations', 'iam.gke.io/gcp-service-account'],
      map(serviceAccount.annotations)['iam.gke.io/gcp-service-account'],
    ],
  ];
  const own = environments.find((env) => env.name === environment);
  const problems: ValuesProblem[] = [];
  for (const [path, value] of candidates) {
    if (typeof value !== 'string') continue;
    const project = GCP_SERVICE_ACCOUNT.exec(value.trim())?.[1];
    if (!project || project === own?.project) continue;
    const other = environments.find((env) => env.name !== environment && env.project === project);
    if (!other) continue;
    const expected = own ? ` Use a service account of ${own.project} (…@${own.project}.iam.gserviceaccount.com).` : '';
    problems.push(
      warn(
        path,
        'workload-identity-other-environment',
        `${formatValuesPath(path)} is a service account of ${project}, the ${other.name} project, but these values deploy to ${environment}: pods would get ${other.name}'s access, or no token at all.${expected}`,
      ),
    );
  }
  return problems;
}

/** Warnings about the merged values of one environment. */
export function checkSmartDefaults(options: CheckSmartDefaultsOptions): ValuesProblem[] {
  const { layers, environment, environments = [] } = options;
  const merged = mergeLayers(layers);
  const deployments = listDeployments(merged);
  const warn = warner(layers);
  return [
    ...checkDisruptionBudget(merged, deployments, warn),
    ...checkAutoscalingAgainstReplicas(layers, deployments, warn),
    ...checkRolloutCapacity(merged, deployments, warn),
    ...checkWorkloadIdentity(merged, environment, environments, warn),
  ];
}
