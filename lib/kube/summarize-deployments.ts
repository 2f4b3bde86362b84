// Deployments, their rollouts and disruption budgets as the status page shows them.
import type { V1Deployment, V1PodDisruptionBudget, V1ReplicaSet } from '@kubernetes/client-node';
import { plural } from '@/lib/text/plural';
import type { DeploymentStatus, DisruptionBudgetStatus, RolloutState } from './app-status';
import { ANNOTATION_CONFIG_REVISION, ANNOTATION_ROLLOUT_NUMBER, controllerName, LABEL_COMPONENT, SIDECARS } from './chart-labels';

function intOrString(value: number | string | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function rolloutOf(d: V1Deployment): { state: RolloutState; reason: string } {
  const desired = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const replicas = s.replicas ?? 0;
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (desired === 0 && replicas === 0) return { state: 'scaled-to-zero', reason: 'Set to 0 pods (replicas: 0), so nothing runs.' };
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return { state: 'progressing', reason: 'Waiting for Kubernetes to pick up the new configuration.' };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    return { state: 'stuck', reason: `Stuck: no progress within the deadline; ${available} of ${desired} pods available, ${updated} of ${desired} updated.` };
  }
  if (updated < desired) return { state: 'progressing', reason: `${updated} of ${desired} new pods created.` };
  if (replicas > updated) return { state: 'progressing', reason: `${plural(replicas - updated, 'old pod')} still to stop.` };
  if (available < updated && progressing?.reason !== 'NewReplicaSetAvailable') return { state: 'progressing', reason: `${available} of ${updated} new pods available.` };
  return { state: 'complete', reason: `All ${plural(desired, 'pod')} run the newest version.` };
}

export function deploymentStatus(d: V1Deployment): DeploymentStatus {
  const template = d.spec?.template;
  const out: DeploymentStatus = {
    name: d.metadata?.name ?? '',
    component: d.metadata?.labels?.[LABEL_COMPONENT] ?? d.metadata?.name ?? '',
    desired: d.spec?.replicas ?? 1,
    updated: d.status?.updatedReplicas ?? 0,
    ready: d.status?.readyReplicas ?? 0,
    available: d.status?.availableReplicas ?? 0,
    rollout: rolloutOf(d),
    images: (template?.spec?.containers ?? []).filter((c) => !SIDECARS.has(c.name)).map((c) => c.image ?? ''),
  };
  const revision = template?.metadata?.annotations?.[ANNOTATION_CONFIG_REVISION];
  if (revision) out.configRevision = revision;
  const port = template?.spec?.containers.find((c) => !SIDECARS.has(c.name))?.ports?.[0]?.containerPort;
  if (port) out.port = port;
  const rolloutNumber = Number(d.metadata?.annotations?.[ANNOTATION_ROLLOUT_NUMBER]);
  if (rolloutNumber) out.rolloutNumber = rolloutNumber;
  const rolling = d.spec?.strategy?.rollingUpdate;
  if (rolling) out.strategy = { maxSurge: intOrString(rolling.maxSurge) ?? '25%', maxUnavailable: intOrString(rolling.maxUnavailable) ?? '25%' };
  return out;
}

export function newestReplicaSets(deployments: V1Deployment[], replicaSets: V1ReplicaSet[]): Set<string> {
  const newest = new Map<string, { name: string; number: number }>();
  for (const rs of replicaSets) {
    const owner = controllerName(rs.metadata, 'Deployment');
    if (!owner) continue;
    const number = Number(rs.metadata?.annotations?.[ANNOTATION_ROLLOUT_NUMBER] ?? 0);
    const best = newest.get(owner);
    if (!best || number > best.number) newest.set(owner, { name: rs.metadata?.name ?? '', number });
  }
  const names = new Set(deployments.map((d) => d.metadata?.name));
  return new Set([...newest].filter(([owner]) => names.has(owner)).map(([, rs]) => rs.name));
}

export function budgetStatus(pdb: V1PodDisruptionBudget): DisruptionBudgetStatus {
  const spec = pdb.spec ?? {};
  const rule =
    spec.minAvailable !== undefined
      ? `at least ${String(spec.minAvailable)} ${spec.minAvailable === 1 ? 'pod' : 'pods'} up`
      : spec.maxUnavailable !== undefined
        ? `at most ${String(spec.maxUnavailable)} ${spec.maxUnavailable === 1 ? 'pod' : 'pods'} down`
        : 'no rule';
  return {
    name: pdb.metadata?.name ?? '',
    rule,
    allowedDisruptions: pdb.status?.disruptionsAllowed ?? 0,
    currentHealthy: pdb.status?.currentHealthy ?? 0,
    desiredHealthy: pdb.status?.desiredHealthy ?? 0,
    expectedPods: pdb.status?.expectedPods ?? 0,
  };
}
