// Puts a steady-state cluster straight into a sandbox store: for each app, its Deployments with a
// ReplicaSet and Running, Ready pods (as the sandbox's controllers and kubelet would leave them),
// its PodDisruptionBudget and an hour's worth of events — without running a lifecycle per pod,
// so 20,000 pods exist in seconds. The simulator must be closed first (it would reconcile them).
import type { DesiredApp } from '@/sandbox/kube-api/desired-state';
import { formatTime, type Condition, type ContainerStatus, type Deployment, type KubeEvent, type Pod, type PodDisruptionBudget, type ReplicaSet } from '@/sandbox/kube-api/kube-types';
import { recomputePodStatus } from '@/sandbox/kube-api/kubelet';
import { ANNOTATION_REVISION, podTemplateHash, renderDeployment, renderPod, renderPodDisruptionBudget, renderReplicaSet } from '@/sandbox/kube-api/manifests';
import type { Random } from '@/sandbox/kube-api/random';
import type { ClusterStore } from '@/sandbox/kube-api/store';

export interface SeededPod {
  namespace: string;
  name: string;
  app: string;
}

export interface SeedResult {
  pods: SeededPod[];
  events: number;
}

const PODS_PER_NODE = 30;
const HOUR = 3_600_000;

function condition(type: string, status: 'True' | 'False', reason: string, message: string, at: string): Condition {
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/**
 * Seeds `apps` into `store` with `replicasOf(app, deployment)` pods per Deployment. About 3% of
 * pods restarted recently (OOMKilled or an error, with a BackOff warning) and 5% failed a
 * readiness probe, so summaries meet the problem paths too.
 */
export function seedCluster(store: ClusterStore, cluster: string, apps: DesiredApp[], replicasOf: (app: DesiredApp, deployment: string) => number, random: Random): SeedResult {
  const now = Date.now();
  const pods: SeededPod[] = [];
  let events = 0;
  const totalPods = apps.reduce((n, app) => n + app.deployments.reduce((m, d) => m + replicasOf(app, d.name), 0), 0);
  const nodes = Array.from({ length: Math.max(3, Math.ceil(totalPods / PODS_PER_NODE)) }, () => ({
    name: `gke-${cluster}-default-pool-${random.hex(8)}-${random.suffix(4)}`,
    ip: `10.128.${random.int(0, 255)}.${random.int(2, 250)}`,
  }));
  const event = (involved: Pod, type: 'Normal' | 'Warning', reason: string, message: string, at: number, count = 1) => {
    const time = formatTime(at);
    store.create<KubeEvent>('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${involved.metadata.name}.${random.hex(16)}`, namespace: involved.metadata.namespace },
      involvedObject: { kind: 'Pod', namespace: involved.metadata.namespace, name: involved.metadata.name, uid: involved.metadata.uid, apiVersion: 'v1', fieldPath: `spec.containers{${involved.spec.containers[0].name}}` },
      reason,
      message,
      source: { component: 'kubelet', host: involved.spec.nodeName },
      firstTimestamp: time,
      lastTimestamp: time,
      count,
      type,
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: involved.spec.nodeName ?? '',
    });
    events++;
  };

  for (const app of apps) {
    if (!store.get('namespaces', undefined, app.namespace)) {
      store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: app.namespace, labels: { 'kubernetes.io/metadata.name': app.namespace } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
    const since = now - random.int(2, 72) * HOUR;
    const sinceText = formatTime(since);
    let healthy = 0;
    for (const desired of app.deployments) {
      const replicas = replicasOf(app, desired.name);
      const rendered = renderDeployment(app, { ...desired, replicas });
      rendered.metadata.annotations = { ...rendered.metadata.annotations, [ANNOTATION_REVISION]: '1' };
      rendered.status = {
        observedGeneration: 1,
        ...(replicas ? { replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas } : {}),
        conditions: [
          condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', sinceText),
          condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rendered.metadata.name}" has successfully progressed.`, sinceText),
        ],
      };
      const deployment = store.create<Deployment>('deployments', rendered);
      const hash = podTemplateHash(deployment.spec.template);
      const rsInput = renderReplicaSet(deployment, hash, replicas, 1, replicas + 1);
      rsInput.status = { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 };
      const rs = store.create<ReplicaSet>('replicasets', rsInput);
      for (let i = 0; i < replicas; i++) {
        const node = nodes[random.int(0, nodes.length - 1)];
        const pod = renderPod(rs, `${rs.metadata.name}-${random.suffix(5)}`);
        const started = since + random.int(5_000, 60_000);
        const startedText = formatTime(started);
        const restarted = random.chance(0.03);
        const statuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
          name: c.name,
          image: c.image,
          imageID: `${c.image.replace(/[:@][^/]*$/, '')}@sha256:${random.hex(64)}`,
          containerID: `containerd://${random.hex(64)}`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: startedText } },
          lastState: {},
        }));
        if (restarted) {
          const oom = random.chance(0.4);
          const finished = now - random.int(60_000, 2 * HOUR);
          statuses[0].restartCount = random.int(1, 5);
          statuses[0].state = { running: { startedAt: formatTime(finished + 10_000) } };
          statuses[0].lastState = { terminated: { exitCode: oom ? 137 : 1, reason: oom ? 'OOMKilled' : 'Error', startedAt: startedText, finishedAt: formatTime(finished), containerID: `containerd://${random.hex(64)}` } };
        }
        pod.spec.nodeName = node.name;
        const podIp = `10.64.${random.int(0, 255)}.${random.int(2, 254)}`;
        pod.status = { ...pod.status, phase: 'Running', hostIP: node.ip, hostIPs: [{ ip: node.ip }], podIP: podIp, podIPs: [{ ip: podIp }], startTime: formatTime(started - 3_000), containerStatuses: statuses };
        recomputePodStatus(pod, startedText, true);
        pod.status.conditions = [...(pod.status.conditions ?? []), { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(started - 3_000) }];
        const created = store.create<Pod>('pods', { ...pod, metadata: { ...pod.metadata, creationTimestamp: formatTime(started - 3_000) } });
        pods.push({ namespace: app.namespace, name: created.metadata.name, app: app.app });
        healthy++;
        // An hour of events (their TTL): about one routine kubelet event per pod, restarts, probe blips.
        for (let k = random.int(0, 2); k > 0; k--) {
          const [reason, message] = random.pick([
            ['Pulled', `Container image "${desired.image}" already present on machine`],
            ['Created', `Created container ${desired.name}`],
            ['Started', `Started container ${desired.name}`],
          ] as const);
          event(created, 'Normal', reason, message, now - random.int(60_000, HOUR - 60_000));
        }
        if (restarted) {
          const terminated = statuses[0].lastState.terminated;
          const finished = terminated?.finishedAt ? Date.parse(terminated.finishedAt) : now;
          if (now - finished < HOUR) {
            event(created, 'Warning', 'BackOff', `Back-off restarting failed container ${desired.name} in pod ${created.metadata.name}_${app.namespace}(${created.metadata.uid})`, finished + 2_000, statuses[0].restartCount);
          }
        }
        if (random.chance(0.05)) {
          event(created, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', now - random.int(60_000, HOUR - 60_000), random.int(1, 4));
        }
      }
    }
    const pdb = renderPodDisruptionBudget(app);
    if (pdb) {
      const minAvailable = typeof pdb.spec.minAvailable === 'number' ? pdb.spec.minAvailable : 1;
      pdb.status = { observedGeneration: 1, disruptionsAllowed: Math.max(0, healthy - minAvailable), currentHealthy: healthy, desiredHealthy: Math.min(healthy, minAvailable), expectedPods: healthy };
      store.create<PodDisruptionBudget>('poddisruptionbudgets', pdb);
    }
  }
  return { pods, events };
}

/**
 * Replica counts that add up to `totalPods` over both clusters: the `fixed` apps keep the replicas
 * their values ask for; the other Deployments share the rest, skewed (a few large, many small).
 */
export function planReplicas(state: Record<string, DesiredApp[]>, totalPods: number, fixed: Set<string>, random: Random): (cluster: string) => (app: DesiredApp, deployment: string) => number {
  const plan = new Map<string, number>();
  const key = (cluster: string, app: string, deployment: string) => `${cluster}/${app}/${deployment}`;
  let fixedPods = 0;
  const shared: { key: string; weight: number }[] = [];
  for (const [cluster, apps] of Object.entries(state)) {
    for (const app of apps) {
      for (const d of app.deployments) {
        if (fixed.has(app.app)) {
          plan.set(key(cluster, app.app, d.name), d.replicas);
          fixedPods += d.replicas;
        } else {
          shared.push({ key: key(cluster, app.app, d.name), weight: 1 / Math.pow(1 - random.next() * 0.95, 1.2) });
        }
      }
    }
  }
  const rest = Math.max(shared.length, totalPods - fixedPods);
  const sum = shared.reduce((n, s) => n + s.weight, 0);
  let assigned = 0;
  shared.forEach((s, i) => {
    const replicas = i === shared.length - 1 ? Math.max(1, rest - assigned) : Math.max(1, Math.round((s.weight / sum) * rest));
    plan.set(s.key, replicas);
    assigned += replicas;
  });
  return (cluster) => (app, deployment) => plan.get(key(cluster, app.app, deployment)) ?? 1;
}
