// The control plane of the sandbox cluster. Given each app's desired state (what the shared chart
// renders from its values) it keeps Deployments, ReplicaSets, Pods and PodDisruptionBudgets moving
// the way kube-controller-manager and the scheduler do: rolling updates bounded by maxSurge /
// maxUnavailable, revision annotations, Deployment conditions (including the progress deadline),
// ScalingReplicaSet / SuccessfulCreate / Scheduled events, PDB status. The kubelet part lives in
// kubelet.ts. Everything is driven by one clock and one seeded random source.
import type { Clock, ClockTimer } from './clock';
import { desiredStateSchema, type DesiredApp } from './desired-state';
import { EventRecorder, referenceTo } from './events';
import { Kubelet, type CrashOptions, type NodeInfo } from './kubelet';
import { clone, formatTime, parseTime, type Condition, type Deployment, type DeploymentStatus, type KubeObject, type Namespace, type Pod, type PodDisruptionBudget, type ReplicaSet } from './kube-types';
import type { LogStore, LogStream } from './log-store';
import {
  ANNOTATION_DESIRED_REPLICAS,
  ANNOTATION_MAX_REPLICAS,
  ANNOTATION_REVISION,
  LABEL_INSTANCE,
  LABEL_MANAGED_BY,
  LABEL_POD_TEMPLATE_HASH,
  pdbName,
  podTemplateHash,
  renderDeployment,
  renderPod,
  renderPodDisruptionBudget,
  renderReplicaSet,
  resolveFenceposts,
  scaledValue,
} from './manifests';
import type { Random } from './random';
import { matchesLabelSelector } from './selectors';
import type { ClusterStore, StoreChange } from './store';

export interface ClusterSimulatorOptions {
  cluster: string;
  store: ClusterStore;
  logs: LogStore;
  clock: Clock;
  random: Random;
  /** Simulated durations (pulls, probes, back-offs, deadlines) run this many times faster. Default 1. */
  timeScale?: number;
  /** Nodes in the default pool. Default 3. */
  nodeCount?: number;
  /** Inject an `istio-proxy` sidecar into every app pod (two containers per pod). */
  istioSidecar?: boolean;
}

export type PodMutation =
  /** The container's process dies now; the kubelet restarts it with back-off. */
  | ({ type: 'crash'; container?: string } & CrashOptions)
  /** The readiness probe fails for a while (cluster milliseconds, default 30 s). */
  | { type: 'unready'; container?: string; durationMs?: number }
  /** Lines appear in the container's current log. */
  | { type: 'log'; container?: string; lines: string[]; stream?: LogStream }
  /** `kubectl delete pod`: graceful termination, the ReplicaSet replaces it. */
  | { type: 'delete'; gracePeriodSeconds?: number };

export interface TickResult {
  namespace: string;
  pod: string;
  mutation: PodMutation;
}

const DEFAULT_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function controllerOf(object: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return object.metadata.ownerReferences?.find((r) => r.controller);
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.[ANNOTATION_REVISION] ?? '0') || 0;
}

function isPodActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status.phase !== 'Succeeded' && pod.status.phase !== 'Failed';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** deploymentutil.SetDeploymentCondition */
function setDeploymentCondition(conditions: Condition[], condition: Condition): Condition[] {
  const current = conditions.find((c) => c.type === condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return conditions;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  return [...conditions.filter((c) => c.type !== condition.type), condition];
}

function dropZeros(status: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (status.observedGeneration) out.observedGeneration = status.observedGeneration;
  for (const key of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) {
    if (status[key]) out[key] = status[key];
  }
  if (status.conditions?.length) out.conditions = status.conditions;
  if (status.collisionCount) out.collisionCount = status.collisionCount;
  return out;
}

export class ClusterSimulator {
  readonly cluster: string;
  readonly nodes: NodeInfo[];
  readonly timeScale: number;
  readonly store: ClusterStore;
  readonly logs: LogStore;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly events: EventRecorder;
  private readonly kubelet: Kubelet;
  private readonly istioSidecar: boolean;
  private desired = new Map<string, DesiredApp>();
  private readonly queue = new Set<string>();
  private draining = false;
  private readonly deadlineTimers = new Map<string, ClockTimer>();
  private readonly schedulingTimers = new Map<string, ClockTimer>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(options: ClusterSimulatorOptions) {
    this.cluster = options.cluster;
    this.store = options.store;
    this.logs = options.logs;
    this.clock = options.clock;
    this.random = options.random;
    this.timeScale = options.timeScale ?? 1;
    this.istioSidecar = options.istioSidecar ?? false;
    this.events = new EventRecorder({ store: this.store, clock: this.clock, timeScale: this.timeScale });
    this.kubelet = new Kubelet({ cluster: this.cluster, store: this.store, logs: this.logs, events: this.events, clock: this.clock, random: this.random, timeScale: this.timeScale });
    const nodeCount = options.nodeCount ?? 3;
    const usedIps = new Set<number>();
    this.nodes = Array.from({ length: nodeCount }, (_, index) => {
      let host = this.random.int(2, 250);
      while (usedIps.has(host)) host = this.random.int(2, 250);
      usedIps.add(host);
      return {
        name: `gke-${this.cluster}-default-pool-${this.random.hex(8)}-${this.random.suffix(4)}`,
        internalIP: `10.128.0.${host}`,
        podRangeIndex: index,
        images: new Set<string>(),
        nextHost: 2,
        pods: 0,
      };
    });
    for (const name of DEFAULT_NAMESPACES) this.ensureNamespace(name);
    this.unsubscribe = this.store.subscribe((change) => this.onChange(change));
  }

  // ---- desired state --------------------------------------------------------------------------

  /**
   * Makes the cluster run exactly these apps: creates namespaces, creates or updates each app's
   * Deployments and PodDisruptionBudget, and removes what an app (or a dropped app) no longer has.
   * Input is validated; an invalid entry throws before anything changes.
   */
  applyDesiredState(apps: DesiredApp[]): void {
    const parsed = desiredStateSchema.parse(apps);
    const next = new Map(parsed.map((app) => [`${app.namespace}/${app.app}`, app]));
    for (const [key, old] of this.desired) {
      if (!next.has(key)) this.removeApp(old);
    }
    for (const app of parsed) this.applyApp(app);
    this.desired = next;
  }

  desiredState(): DesiredApp[] {
    return [...this.desired.values()].map((app) => clone(app));
  }

  ensureNamespace(name: string): Namespace {
    const existing = this.store.get('namespaces', undefined, name) as Namespace | undefined;
    if (existing) return existing;
    const labels: Record<string, string> = { 'kubernetes.io/metadata.name': name };
    if (this.istioSidecar && !DEFAULT_NAMESPACES.includes(name)) labels['istio.io/rev'] = 'asm-managed';
    return this.store.create<Namespace>('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }

  private applyApp(app: DesiredApp): void {
    this.ensureNamespace(app.namespace);
    const wanted = new Set<string>();
    for (const deployment of app.deployments) {
      const rendered = renderDeployment(app, deployment, { istioSidecar: this.istioSidecar });
      wanted.add(rendered.metadata.name);
      const existing = this.store.get('deployments', app.namespace, rendered.metadata.name) as Deployment | undefined;
      if (!existing) {
        this.store.create('deployments', rendered);
        continue;
      }
      this.store.mutate<Deployment>('deployments', app.namespace, rendered.metadata.name, (d) => {
        d.metadata.labels = rendered.metadata.labels;
        d.metadata.annotations = { ...(d.metadata.annotations ?? {}), ...(rendered.metadata.annotations ?? {}) };
        d.spec = rendered.spec;
      });
    }
    for (const d of this.store.list('deployments', app.namespace)) {
      const labels = d.metadata.labels ?? {};
      if (labels[LABEL_INSTANCE] === app.app && labels[LABEL_MANAGED_BY] === 'Helm' && !wanted.has(d.metadata.name)) {
        this.deleteDeployment(app.namespace, d.metadata.name);
      }
    }
    const pdb = renderPodDisruptionBudget(app);
    const existingPdb = this.store.get('poddisruptionbudgets', app.namespace, pdbName(app));
    if (pdb && !existingPdb) this.store.create('poddisruptionbudgets', pdb);
    else if (pdb && existingPdb) {
      this.store.mutate<PodDisruptionBudget>('poddisruptionbudgets', app.namespace, pdbName(app), (p) => {
        p.metadata.labels = pdb.metadata.labels;
        p.spec = pdb.spec;
      });
    } else if (!pdb && existingPdb) this.store.delete('poddisruptionbudgets', app.namespace, pdbName(app));
  }

  private removeApp(app: DesiredApp): void {
    for (const d of this.store.list('deployments', app.namespace)) {
      const labels = d.metadata.labels ?? {};
      if (labels[LABEL_INSTANCE] === app.app && labels[LABEL_MANAGED_BY] === 'Helm') this.deleteDeployment(app.namespace, d.metadata.name);
    }
    this.store.delete('poddisruptionbudgets', app.namespace, pdbName(app));
  }

  /** Deletes a Deployment with background propagation: its ReplicaSets go, their pods terminate. */
  deleteDeployment(namespace: string, name: string): void {
    const deleted = this.store.delete('deployments', namespace, name);
    this.clock.clearTimeout(this.deadlineTimers.get(`${namespace}/${name}`));
    this.deadlineTimers.delete(`${namespace}/${name}`);
    if (!deleted) return;
    for (const rs of this.owned<ReplicaSet>('replicasets', namespace, deleted.metadata.uid!)) {
      this.store.delete('replicasets', namespace, rs.metadata.name);
      for (const pod of this.owned<Pod>('pods', namespace, rs.metadata.uid!)) this.deletePod(namespace, pod.metadata.name);
    }
  }

  // ---- pods: the API's DELETE and the hooks for tests and benchmarks --------------------------

  /**
   * Graceful deletion as the API server does it: sets deletionTimestamp (now + grace) and lets the
   * kubelet stop the containers; grace 0 (or an unscheduled pod) removes it at once.
   * Returns the pod as the DELETE call answers it, or undefined if there is none.
   */
  deletePod(namespace: string, name: string, gracePeriodSeconds?: number): Pod | undefined {
    const pod = this.store.get('pods', namespace, name) as Pod | undefined;
    if (!pod) return undefined;
    const grace = gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    if (!this.kubelet.has(namespace, name)) {
      this.clock.clearTimeout(this.schedulingTimers.get(`${namespace}/${name}`));
      this.schedulingTimers.delete(`${namespace}/${name}`);
      return this.store.delete('pods', namespace, name) as Pod | undefined;
    }
    if (grace === 0) {
      const last = pod.metadata.deletionTimestamp ? pod : this.markDeleting(pod, 0);
      this.kubelet.terminate(namespace, name, 0);
      return last;
    }
    if (pod.metadata.deletionTimestamp) return pod;
    const marked = this.markDeleting(pod, grace);
    this.kubelet.terminate(namespace, name, grace);
    return marked;
  }

  private markDeleting(pod: Pod, grace: number): Pod {
    return this.store.mutate<Pod>('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
      p.metadata.deletionTimestamp = formatTime(this.clock.now() + grace * 1000);
      p.metadata.deletionGracePeriodSeconds = grace;
    })!;
  }

  /** Causes a change in one pod now. Returns false when the pod (or a running container) is not there. */
  mutatePod(namespace: string, name: string, mutation: PodMutation): boolean {
    switch (mutation.type) {
      case 'crash':
        return this.kubelet.crash(namespace, name, mutation.container, mutation);
      case 'unready':
        return this.kubelet.makeUnready(namespace, name, mutation.container, mutation.durationMs ?? 30_000);
      case 'log':
        return this.kubelet.writeLog(namespace, name, mutation.container, mutation.lines, mutation.stream);
      case 'delete':
        return this.deletePod(namespace, name, mutation.gracePeriodSeconds) !== undefined;
    }
  }

  /** One random disturbance in a running pod (a crash, a readiness blip, a burst of log lines). */
  tick(): TickResult | undefined {
    const candidates = this.kubelet.runningPods();
    if (candidates.length === 0) return undefined;
    const target = this.random.pick(candidates);
    const container = this.random.pick(target.containers);
    const roll = this.random.next();
    let mutation: PodMutation;
    if (roll < 0.45) mutation = { type: 'crash', container, exitCode: 1, reason: 'Error', lines: ['panic: simulated failure (sandbox churn)'] };
    else if (roll < 0.55) mutation = { type: 'crash', container, exitCode: 137, reason: 'OOMKilled' };
    else if (roll < 0.8) mutation = { type: 'unready', container, durationMs: this.random.int(15_000, 60_000) };
    else mutation = { type: 'log', container, lines: [`WARN simulated burst ${this.random.hex(6)}`, `ERROR simulated error ${this.random.hex(6)}`], stream: 'stderr' };
    this.mutatePod(target.namespace, target.name, mutation);
    return { namespace: target.namespace, pod: target.name, mutation };
  }

  /** Calls tick() `perSecond` times per (real) second until the returned function is called. */
  startChurn(perSecond: number): () => void {
    let timer: ClockTimer | undefined;
    let stopped = false;
    const loop = () => {
      if (stopped || this.closed) return;
      this.tick();
      timer = this.clock.setTimeout(loop, 1000 / perSecond);
    };
    timer = this.clock.setTimeout(loop, 1000 / perSecond);
    return () => {
      stopped = true;
      this.clock.clearTimeout(timer);
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.kubelet.stopAll();
    for (const t of this.deadlineTimers.values()) this.clock.clearTimeout(t);
    for (const t of this.schedulingTimers.values()) this.clock.clearTimeout(t);
    this.deadlineTimers.clear();
    this.schedulingTimers.clear();
  }

  // ---- the work queue -------------------------------------------------------------------------

  private onChange(change: StoreChange): void {
    if (this.closed) return;
    const object = change.object;
    const namespace = object.metadata.namespace ?? '';
    const specChanged = change.type !== 'MODIFIED' || object.metadata.generation !== change.previous?.metadata.generation;
    switch (change.resource) {
      case 'pods': {
        const owner = controllerOf(object);
        if (owner?.kind === 'ReplicaSet') this.enqueue(`rs/${namespace}/${owner.name}`);
        this.enqueue(`pdb/${namespace}`);
        break;
      }
      case 'replicasets': {
        if (specChanged) this.enqueue(`rs/${namespace}/${object.metadata.name}`);
        const owner = controllerOf(object);
        if (owner?.kind === 'Deployment') this.enqueue(`deploy/${namespace}/${owner.name}`);
        break;
      }
      case 'deployments':
        if (specChanged && change.type !== 'DELETED') this.enqueue(`deploy/${namespace}/${object.metadata.name}`);
        if (specChanged) this.enqueue(`pdb/${namespace}`);
        break;
      case 'poddisruptionbudgets':
        if (specChanged && change.type !== 'DELETED') this.enqueue(`pdb/${namespace}`);
        break;
      default:
        break;
    }
  }

  private enqueue(key: string): void {
    this.queue.add(key);
    if (this.draining) return;
    this.draining = true;
    try {
      let guard = 0;
      while (this.queue.size > 0) {
        const [next] = this.queue;
        this.queue.delete(next);
        this.sync(next);
        if (++guard > 100_000) throw new Error(`simulator work queue did not settle (last key ${next})`);
      }
    } finally {
      this.draining = false;
    }
  }

  private sync(key: string): void {
    if (this.closed) return;
    const [kind, namespace, name] = key.split('/');
    if (kind === 'deploy') this.syncDeployment(namespace, name);
    else if (kind === 'rs') this.syncReplicaSet(namespace, name);
    else if (kind === 'pdb') this.syncDisruptionBudgets(namespace);
  }

  private owned<T extends KubeObject>(resource: 'replicasets' | 'pods', namespace: string, uid: string): T[] {
    return this.store.list(resource, namespace).filter((o) => controllerOf(o)?.uid === uid) as T[];
  }

  // ---- deployment controller ------------------------------------------------------------------

  private syncDeployment(namespace: string, name: string): void {
    let d = this.store.get('deployments', namespace, name) as Deployment | undefined;
    if (!d) return;
    const now = formatTime(this.clock.now());
    const previousStatus = d.status;
    let conditions = clone(d.status.conditions ?? []);
    const { maxSurge, maxUnavailable } = resolveFenceposts(d);
    const hash = podTemplateHash(d.spec.template, d.status.collisionCount ?? 0);
    const owned = this.owned<ReplicaSet>('replicasets', namespace, d.metadata.uid!).sort(byCreation);
    let newRS = owned.find((rs) => rs.metadata.labels?.[LABEL_POD_TEMPLATE_HASH] === hash);
    let olds = owned.filter((rs) => rs !== newRS);
    const maxOldRevision = Math.max(0, ...olds.map(revisionOf));

    if (!newRS) {
      const replicas = this.newReplicaSetReplicas(d, owned, undefined, maxSurge);
      newRS = this.store.create('replicasets', renderReplicaSet(d, hash, replicas, maxOldRevision + 1, d.spec.replicas + maxSurge));
      if (replicas > 0) this.deploymentEvent(d, `Scaled up replica set ${newRS.metadata.name} from 0 to ${replicas}`);
      conditions = setDeploymentCondition(conditions, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${newRS.metadata.name}"`, now));
    } else if (revisionOf(newRS) <= maxOldRevision) {
      // A rollback to an older template: that ReplicaSet becomes the newest revision again.
      const revision = String(maxOldRevision + 1);
      newRS = this.store.mutate<ReplicaSet>('replicasets', namespace, newRS.metadata.name, (rs) => {
        rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), [ANNOTATION_REVISION]: revision };
      })!;
      conditions = setDeploymentCondition(conditions, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`, now));
    }
    const revision = String(revisionOf(newRS));
    if (d.metadata.annotations?.[ANNOTATION_REVISION] !== revision) {
      d = this.store.mutate<Deployment>('deployments', namespace, name, (draft) => {
        draft.metadata.annotations = { ...(draft.metadata.annotations ?? {}), [ANNOTATION_REVISION]: revision };
      })!;
    }

    if (!d.spec.paused) {
      const oldActive = olds.some((rs) => rs.spec.replicas > 0);
      if (!oldActive) {
        if (newRS.spec.replicas !== d.spec.replicas) newRS = this.scaleReplicaSet(d, newRS, d.spec.replicas, maxSurge);
      } else {
        // reconcileNewReplicaSet
        if (newRS.spec.replicas > d.spec.replicas) newRS = this.scaleReplicaSet(d, newRS, d.spec.replicas, maxSurge);
        else if (newRS.spec.replicas < d.spec.replicas) {
          const count = this.newReplicaSetReplicas(d, [newRS, ...olds], newRS, maxSurge);
          if (count !== newRS.spec.replicas) newRS = this.scaleReplicaSet(d, newRS, count, maxSurge);
        }
        olds = this.reconcileOldReplicaSets(d, newRS, olds, maxUnavailable, maxSurge);
      }
      this.cleanupOldReplicaSets(d, olds);
    }

    // Status, as calculateStatus + syncRolloutStatus compute it.
    const live = [newRS, ...olds].map((rs) => (this.store.get('replicasets', namespace, rs.metadata.name) as ReplicaSet | undefined) ?? rs);
    const current = live[0];
    const sum = (pick: (rs: ReplicaSet) => number | undefined) => live.reduce((n, rs) => n + (pick(rs) ?? 0), 0);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata.generation,
      replicas: sum((rs) => rs.status.replicas),
      updatedReplicas: current.status.replicas ?? 0,
      readyReplicas: sum((rs) => rs.status.readyReplicas),
      availableReplicas: sum((rs) => rs.status.availableReplicas),
      unavailableReplicas: Math.max(0, sum((rs) => rs.spec.replicas) - sum((rs) => rs.status.availableReplicas)),
      collisionCount: d.status.collisionCount,
    };
    const minAvailable = d.spec.replicas - Math.min(maxUnavailable, d.spec.replicas);
    conditions = setDeploymentCondition(
      conditions,
      (status.availableReplicas ?? 0) >= minAvailable
        ? newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
        : newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now),
    );
    const rsName = current.metadata.name;
    const complete =
      status.updatedReplicas === d.spec.replicas && status.replicas === d.spec.replicas && status.availableReplicas === d.spec.replicas && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    const oldOld = (previousStatus.replicas ?? 0) - (previousStatus.updatedReplicas ?? 0);
    const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    const progressed =
      (status.updatedReplicas ?? 0) > (previousStatus.updatedReplicas ?? 0) ||
      newOld < oldOld ||
      (status.readyReplicas ?? 0) > (previousStatus.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (previousStatus.availableReplicas ?? 0);
    const progressing = conditions.find((c) => c.type === 'Progressing');
    const deadlineMs = (d.spec.progressDeadlineSeconds * 1000) / this.timeScale;
    const timedOut = (cond: Condition | undefined) =>
      !!cond && cond.reason !== 'NewReplicaSetAvailable' && (cond.reason === 'ProgressDeadlineExceeded' || (parseTime(cond.lastUpdateTime) ?? 0) + deadlineMs < this.clock.now());
    if (complete) {
      conditions = setDeploymentCondition(conditions, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (progressed) {
      const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`, now);
      if (progressing?.status === 'True') condition.lastTransitionTime = progressing.lastTransitionTime;
      conditions = [...conditions.filter((c) => c.type !== 'Progressing'), condition];
    } else if (timedOut(progressing)) {
      conditions = setDeploymentCondition(conditions, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now));
    }
    status.conditions = conditions;
    this.store.mutate<Deployment>('deployments', namespace, name, (draft) => {
      draft.status = dropZeros(status);
    });

    // Come back when the progress deadline would pass.
    const key = `${namespace}/${name}`;
    this.clock.clearTimeout(this.deadlineTimers.get(key));
    this.deadlineTimers.delete(key);
    const after = conditions.find((c) => c.type === 'Progressing');
    if (!complete && after && !timedOut(after)) {
      const due = (parseTime(after.lastUpdateTime) ?? this.clock.now()) + deadlineMs - this.clock.now() + 1000 / this.timeScale;
      this.deadlineTimers.set(
        key,
        this.clock.setTimeout(() => {
          this.deadlineTimers.delete(key);
          this.enqueue(`deploy/${namespace}/${name}`);
        }, Math.max(due, 1)),
      );
    }
  }

  /** deploymentutil.NewRSNewReplicas for RollingUpdate. */
  private newReplicaSetReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, maxSurge: number): number {
    const current = newRS?.spec.replicas ?? 0;
    const currentPodCount = all.reduce((n, rs) => n + rs.spec.replicas, 0);
    const maxTotalPods = d.spec.replicas + maxSurge;
    if (currentPodCount >= maxTotalPods) return current;
    const scaleUpCount = Math.min(maxTotalPods - currentPodCount, d.spec.replicas - current);
    return current + Math.max(0, scaleUpCount);
  }

  private reconcileOldReplicaSets(d: Deployment, newRS: ReplicaSet, oldsIn: ReplicaSet[], maxUnavailable: number, maxSurge: number): ReplicaSet[] {
    let olds = oldsIn;
    const oldPods = olds.reduce((n, rs) => n + rs.spec.replicas, 0);
    if (oldPods === 0) return olds;
    const all = () => [newRS, ...olds];
    const allPods = all().reduce((n, rs) => n + rs.spec.replicas, 0);
    const minAvailable = d.spec.replicas - maxUnavailable;
    const newUnavailable = newRS.spec.replicas - (newRS.status.availableReplicas ?? 0);
    const maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return olds;

    // cleanupUnhealthyReplicas: old pods that are not available go first.
    let cleaned = 0;
    olds = olds.map((rs) => {
      if (cleaned >= maxScaledDown || rs.spec.replicas === 0) return rs;
      const unhealthy = rs.spec.replicas - (rs.status.availableReplicas ?? 0);
      if (unhealthy <= 0) return rs;
      const count = Math.min(maxScaledDown - cleaned, unhealthy);
      cleaned += count;
      return this.scaleReplicaSet(d, rs, rs.spec.replicas - count, maxSurge);
    });

    // scaleDownOldReplicaSetsForRollingUpdate
    const available = all().reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
    if (available <= minAvailable) return olds;
    const total = available - minAvailable;
    let scaled = 0;
    olds = olds.map((rs) => {
      if (scaled >= total || rs.spec.replicas === 0) return rs;
      const count = Math.min(rs.spec.replicas, total - scaled);
      scaled += count;
      return this.scaleReplicaSet(d, rs, rs.spec.replicas - count, maxSurge);
    });
    return olds;
  }

  private scaleReplicaSet(d: Deployment, rs: ReplicaSet, replicas: number, maxSurge: number): ReplicaSet {
    const from = rs.spec.replicas;
    const updated = this.store.mutate<ReplicaSet>('replicasets', rs.metadata.namespace, rs.metadata.name, (draft) => {
      draft.spec.replicas = replicas;
      draft.metadata.annotations = {
        ...(draft.metadata.annotations ?? {}),
        [ANNOTATION_DESIRED_REPLICAS]: String(d.spec.replicas),
        [ANNOTATION_MAX_REPLICAS]: String(d.spec.replicas + maxSurge),
      };
    })!;
    if (from !== replicas) this.deploymentEvent(d, `Scaled ${replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${replicas}`);
    return updated;
  }

  private cleanupOldReplicaSets(d: Deployment, olds: ReplicaSet[]): void {
    const idle = olds.filter((rs) => rs.spec.replicas === 0 && (rs.status.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    const excess = idle.length - d.spec.revisionHistoryLimit;
    for (let i = 0; i < excess; i++) this.store.delete('replicasets', d.metadata.namespace, idle[i].metadata.name);
  }

  private deploymentEvent(d: Deployment, message: string): void {
    this.events.record(referenceTo(d), 'Normal', 'ScalingReplicaSet', message, { component: 'deployment-controller' });
  }

  // ---- replicaset controller ------------------------------------------------------------------

  private syncReplicaSet(namespace: string, name: string): void {
    const rs = this.store.get('replicasets', namespace, name) as ReplicaSet | undefined;
    if (!rs) return;
    const active = this.owned<Pod>('pods', namespace, rs.metadata.uid!).filter(isPodActive);
    const diff = active.length - rs.spec.replicas;
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) this.createPod(rs);
    } else if (diff > 0) {
      for (const pod of [...active].sort(deletionOrder).slice(0, diff)) {
        this.deletePod(namespace, pod.metadata.name);
        this.events.record(referenceTo(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: 'replicaset-controller' });
      }
    }
    const now = this.owned<Pod>('pods', namespace, rs.metadata.uid!).filter(isPodActive);
    const ready = now.filter(isPodReady).length;
    const status: ReplicaSet['status'] = { replicas: now.length };
    if (now.length) status.fullyLabeledReplicas = now.length;
    if (ready) status.readyReplicas = ready;
    if (ready) status.availableReplicas = ready;
    status.observedGeneration = rs.metadata.generation;
    this.store.mutate<ReplicaSet>('replicasets', namespace, name, (draft) => {
      draft.status = status;
    });
  }

  private createPod(rs: ReplicaSet): void {
    let name = `${rs.metadata.name}-${this.random.suffix(5)}`;
    while (this.store.get('pods', rs.metadata.namespace, name)) name = `${rs.metadata.name}-${this.random.suffix(5)}`;
    const pod = this.store.create('pods', renderPod(rs, name));
    this.events.record(referenceTo(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, { component: 'replicaset-controller' });
    this.schedule(pod);
  }

  // ---- scheduler ------------------------------------------------------------------------------

  private schedule(pod: Pod): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const timer = this.clock.setTimeout(() => {
      this.schedulingTimers.delete(key);
      if (this.closed) return;
      const current = this.store.get('pods', pod.metadata.namespace, pod.metadata.name) as Pod | undefined;
      if (!current || current.metadata.deletionTimestamp || current.metadata.uid !== pod.metadata.uid) return;
      const fewest = Math.min(...this.nodes.map((n) => n.pods));
      const node = this.random.pick(this.nodes.filter((n) => n.pods === fewest));
      const now = formatTime(this.clock.now());
      const bound = this.store.mutate<Pod>('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
        p.spec.nodeName = node.name;
        p.status.conditions = [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now }];
      })!;
      this.events.record(referenceTo(bound), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`, { component: 'default-scheduler' });
      this.kubelet.admit(bound, node);
    }, this.random.int(30, 400) / this.timeScale);
    this.schedulingTimers.set(key, timer);
  }

  // ---- disruption controller ------------------------------------------------------------------

  private syncDisruptionBudgets(namespace: string): void {
    const budgets = this.store.list('poddisruptionbudgets', namespace) as PodDisruptionBudget[];
    if (budgets.length === 0) return;
    const pods = this.store.list('pods', namespace) as Pod[];
    for (const pdb of budgets) {
      const selected = pods.filter((p) => matchesLabelSelector(pdb.spec.selector, p.metadata.labels));
      const healthy = selected.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
      const expectedScale = () => {
        const seen = new Map<string, number>();
        for (const p of selected) {
          const owner = controllerOf(p);
          if (!owner || owner.kind !== 'ReplicaSet') continue;
          const rs = this.store.get('replicasets', namespace, owner.name) as ReplicaSet | undefined;
          if (!rs) continue;
          const rsOwner = controllerOf(rs);
          const d = rsOwner?.kind === 'Deployment' ? (this.store.get('deployments', namespace, rsOwner.name) as Deployment | undefined) : undefined;
          if (d) seen.set(d.metadata.uid!, d.spec.replicas);
          else seen.set(rs.metadata.uid!, rs.spec.replicas);
        }
        return [...seen.values()].reduce((a, b) => a + b, 0);
      };
      let expected: number;
      let desired: number;
      if (pdb.spec.maxUnavailable !== undefined) {
        expected = expectedScale();
        desired = Math.max(0, expected - scaledValue(pdb.spec.maxUnavailable, expected, true));
      } else if (typeof pdb.spec.minAvailable === 'number') {
        expected = selected.length;
        desired = pdb.spec.minAvailable;
      } else {
        expected = expectedScale();
        desired = scaledValue(pdb.spec.minAvailable, expected, true);
      }
      const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
      const now = formatTime(this.clock.now());
      this.store.mutate<PodDisruptionBudget>('poddisruptionbudgets', namespace, pdb.metadata.name, (draft) => {
        const previous = draft.status.conditions?.find((c) => c.type === 'DisruptionAllowed');
        const status = allowed > 0 ? 'True' : 'False';
        draft.status = {
          observedGeneration: draft.metadata.generation,
          disruptionsAllowed: allowed,
          currentHealthy: healthy,
          desiredHealthy: desired,
          expectedPods: expected,
          conditions: [
            {
              type: 'DisruptionAllowed',
              status,
              observedGeneration: draft.metadata.generation,
              lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : now,
              reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
              message: '',
            },
          ],
        };
      });
    }
  }
}

/** controller.ActivePods ordering: the pods a ReplicaSet gives up first come first. */
function deletionOrder(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phaseRank = (p: Pod) => (p.status.phase === 'Pending' ? 0 : p.status.phase === 'Unknown' ? 1 : 2);
  if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Pod) => (p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return byCreation(b, a);
}
