// The pure heart of the status page: one app's Kubernetes objects in one cluster (as the informer
// caches hold them) → Berth's AppStatus, with one verdict, its reason in plain words and Aptible's.
// No I/O: the caller passes the objects, what git knows about revisions, and the time.
import type { CoreV1Event, V1Deployment, V1Pod, V1PodDisruptionBudget, V1ReplicaSet } from '@kubernetes/client-node';
import { shortRevision } from '@/lib/gitops/short-revision';
import type {
  AppStatus,
  ChangeLiveness,
  ClusterState,
  ConfigCommit,
  ContainerStatus,
  ContainerTermination,
  DeploymentStatus,
  DisruptionBudgetStatus,
  HealthSummary,
  PodStatus,
  RolloutState,
  StatusEvent,
  StatusProblem,
} from './app-status';
import { explainProblem, PROBLEM_PRIORITY, type ProblemFacts, type ProblemKind } from './explain-problem';

export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const ANNOTATION_CONFIG_REVISION = 'berth.dev/config-revision';
const ANNOTATION_ROLLOUT_NUMBER = 'deployment.kubernetes.io/revision';
const SIDECARS = new Set(['istio-proxy']);

/** Warning events older than this no longer count. */
export const RECENT_EVENTS_MS = 60 * 60 * 1000;
/** A crash this recent still makes the app "degraded" even if the pod runs again. */
export const RECENT_RESTART_MS = 10 * 60 * 1000;
/** An OOM kill this recent still makes the app "degraded". */
export const RECENT_OOM_MS = 30 * 60 * 1000;
const MAX_WARNINGS = 20;
const MAX_POD_EVENTS = 30;

export interface AppObjects {
  deployments: V1Deployment[];
  replicaSets: V1ReplicaSet[];
  pods: V1Pod[];
  disruptionBudgets: V1PodDisruptionBudget[];
  /** Events of the app's namespace (filtered to the app's objects here). */
  events: CoreV1Event[];
}

/** What the config repository says about the revisions running (see get-change-facts.ts). */
export interface RevisionFacts {
  /** The newest commit that changed this app's values for this environment. */
  latest: ConfigCommit;
  /** Per running config revision: commits since it that changed the values (0: same values as
   * the latest), or null when the revision is not in the repository's history. */
  behind: Record<string, number | null>;
}

export interface AppStatusInput {
  app: string;
  environment: string;
  namespace: string;
  cluster: ClusterState;
  objects: AppObjects;
  /** Absent: "is my change live" is not computed (the apps list's summary). */
  revisions?: RevisionFacts;
}

// Objects from a LIST are deserialized by client-node (Date); from a WATCH they are raw JSON (string).
type TimeValue = Date | string | null | undefined;

export function toMillis(value: TimeValue): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function toIso(value: TimeValue): string | undefined {
  const ms = toMillis(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}


function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function intOrString(value: number | string | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

// ---- events -----------------------------------------------------------------------------------

export function eventTime(event: CoreV1Event): number {
  return (
    toMillis(event.lastTimestamp) ??
    toMillis(event.series?.lastObservedTime) ??
    toMillis(event.eventTime) ??
    toMillis(event.firstTimestamp) ??
    toMillis(event.metadata?.creationTimestamp) ??
    0
  );
}

export function toStatusEvent(event: CoreV1Event): StatusEvent {
  const last = eventTime(event);
  return {
    type: event.type === 'Warning' ? 'Warning' : 'Normal',
    reason: event.reason ?? '',
    message: (event.message ?? '').trim(),
    object: { kind: event.involvedObject?.kind ?? '', name: event.involvedObject?.name ?? '' },
    count: event.series?.count ?? event.count ?? 1,
    firstSeen: toIso(event.firstTimestamp) ?? toIso(event.eventTime),
    lastSeen: last ? new Date(last).toISOString() : undefined,
  };
}

/** The app's own objects are named <app> (PDB) or <app>-… (Deployments, ReplicaSets, pods). */
export function concernsApp(event: CoreV1Event, app: string, namespace: string): boolean {
  const name = event.involvedObject?.name ?? '';
  const ns = event.involvedObject?.namespace ?? event.metadata?.namespace;
  return ns === namespace && (name === app || name.startsWith(`${app}-`));
}

// ---- pods -------------------------------------------------------------------------------------

function termination(state: { terminated?: { reason?: string; exitCode?: number; message?: string; startedAt?: TimeValue; finishedAt?: TimeValue } } | undefined): ContainerTermination | undefined {
  const t = state?.terminated;
  if (!t) return undefined;
  const out: ContainerTermination = { exitCode: t.exitCode };
  if (t.reason) out.reason = t.reason;
  if (t.message) out.message = t.message.trim();
  const started = toIso(t.startedAt);
  const finished = toIso(t.finishedAt);
  if (started) out.startedAt = started;
  if (finished) out.finishedAt = finished;
  return out;
}

function containerStatuses(pod: V1Pod): ContainerStatus[] {
  const specs = pod.spec?.containers ?? [];
  const statuses = pod.status?.containerStatuses ?? [];
  return specs.map((spec) => {
    const cs = statuses.find((s) => s.name === spec.name);
    const out: ContainerStatus = {
      name: spec.name,
      image: cs?.image ?? spec.image ?? '',
      ready: cs?.ready ?? false,
      restarts: cs?.restartCount ?? 0,
      state: 'unknown',
      sidecar: SIDECARS.has(spec.name),
    };
    const state = cs?.state;
    if (state?.running) {
      out.state = 'running';
      out.startedAt = toIso(state.running.startedAt);
    } else if (state?.waiting) {
      out.state = 'waiting';
      if (state.waiting.reason) out.reason = state.waiting.reason;
      if (state.waiting.message) out.message = state.waiting.message;
    } else if (state?.terminated) {
      const t = termination(state)!;
      out.state = 'terminated';
      out.reason = t.reason;
      out.exitCode = t.exitCode;
      out.message = t.message;
      out.startedAt = t.startedAt;
      out.finishedAt = t.finishedAt;
    } else if (!cs) {
      out.state = 'waiting';
      out.reason = pod.spec?.nodeName ? 'ContainerCreating' : 'Pending';
    }
    const last = termination(cs?.lastState);
    if (last) out.lastTermination = last;
    for (const key of Object.keys(out) as (keyof ContainerStatus)[]) if (out[key] === undefined) delete out[key];
    return out;
  });
}

/** kubectl's STATUS column (printPod), for the cases Berth shows. */
function podDisplayStatus(pod: V1Pod, containers: ContainerStatus[]): { status: string; message?: string } {
  if (pod.metadata?.deletionTimestamp) return { status: 'Terminating' };
  let status = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  let message: string | undefined = pod.status?.message;
  let running = false;
  for (const c of [...containers].reverse()) {
    if (c.state === 'waiting' && c.reason && c.reason !== 'Pending') {
      status = c.reason;
      message = c.message;
    } else if (c.state === 'terminated') {
      status = c.reason ?? `ExitCode:${c.exitCode ?? '?'}`;
      message = c.message;
    } else if (c.state === 'running' && c.ready) running = true;
  }
  if (status === 'Completed' && running) status = 'Running';
  return message ? { status, message } : { status };
}

function podProblem(pod: V1Pod, containers: ContainerStatus[], events: StatusEvent[], now: number): ProblemKind | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  if (pod.status?.reason === 'Evicted') return 'Evicted';
  const own = containers.filter((c) => !c.sidecar);
  const waiting = (reasons: string[]) => containers.some((c) => c.state === 'waiting' && c.reason && reasons.includes(c.reason));
  if (waiting(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull'])) return 'ImagePullBackOff';
  if (waiting(['CreateContainerConfigError', 'CreateContainerError'])) return 'CreateContainerConfigError';
  const oom = containers.some(
    (c) =>
      (c.state === 'terminated' && c.reason === 'OOMKilled') ||
      (c.lastTermination?.reason === 'OOMKilled' && now - (toMillis(c.lastTermination.finishedAt) ?? 0) < RECENT_OOM_MS),
  );
  if (oom) return 'OOMKilled';
  if (waiting(['CrashLoopBackOff']) || containers.some((c) => c.state === 'terminated' && c.restarts > 0)) return 'CrashLoopBackOff';
  const unschedulable = pod.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
  if (unschedulable) return 'Pending';
  const notReady = own.some((c) => c.state === 'running' && !c.ready);
  if (notReady) {
    const probeFailing = events.some((e) => e.type === 'Warning' && e.reason === 'Unhealthy' && now - (toMillis(e.lastSeen) ?? 0) < 5 * 60 * 1000);
    return probeFailing ? 'Unhealthy' : undefined;
  }
  const recentCrash = containers.some((c) => c.lastTermination && now - (toMillis(c.lastTermination.finishedAt) ?? 0) < RECENT_RESTART_MS);
  if (recentCrash) return 'Restarted';
  return undefined;
}

function controllerName(meta: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } | undefined, kind: string): string | undefined {
  return meta?.ownerReferences?.find((r) => r.controller && r.kind === kind)?.name;
}

// ---- deployments ------------------------------------------------------------------------------

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

function deploymentStatus(d: V1Deployment): DeploymentStatus {
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

function newestReplicaSets(deployments: V1Deployment[], replicaSets: V1ReplicaSet[]): Set<string> {
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

function budgetStatus(pdb: V1PodDisruptionBudget): DisruptionBudgetStatus {
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

// ---- is my change live ------------------------------------------------------------------------

function changeLiveness(deployments: DeploymentStatus[], revisions: RevisionFacts | undefined, environment: string): ChangeLiveness {
  const running = [...new Set(deployments.map((d) => d.configRevision).filter((r): r is string => !!r))];
  if (deployments.length === 0) return { state: 'not-deployed', message: `Nothing runs in ${environment} yet.`, running };
  if (!revisions) return { state: 'unknown', message: '', running };
  const { latest } = revisions;
  const base = { latest, running };
  const unlabeled = deployments.filter((d) => !d.configRevision);
  if (unlabeled.length) {
    return { ...base, state: 'unknown', message: `${unlabeled.map((d) => d.component).join(', ')} carries no config revision: it was not deployed by the CI/CD pipeline.` };
  }
  const unknown = running.filter((r) => revisions.behind[r] === null || revisions.behind[r] === undefined);
  if (unknown.length) {
    return { ...base, state: 'unknown', message: `${environment} runs ${unknown.map((r) => shortRevision(r)).join(', ')}, which is not in the config repository’s history.` };
  }
  const behindBy = Math.max(...running.map((r) => revisions.behind[r] ?? 0));
  const latestWords = `${shortRevision(latest.revision)} “${latest.subject}” by ${latest.author}`;
  if (behindBy > 0) {
    const oldest = running.find((r) => revisions.behind[r] === behindBy)!;
    return {
      ...base,
      state: 'behind',
      behindBy,
      message: `Behind by ${plural(behindBy, 'commit')}: ${environment} runs ${shortRevision(oldest)}; the newest change is ${latestWords}. CI/CD deploys it within minutes — if it stays behind, the deploy failed.`,
    };
  }
  const rolling = deployments.filter((d) => d.rollout.state === 'progressing' || d.rollout.state === 'stuck');
  if (rolling.length) {
    const stuck = rolling.some((d) => d.rollout.state === 'stuck');
    const updated = rolling.reduce((n, d) => n + Math.min(d.updated, d.desired), 0);
    const desired = rolling.reduce((n, d) => n + d.desired, 0);
    return {
      ...base,
      state: 'rolling-out',
      message: `${stuck ? 'Deployed, but the rollout is stuck' : 'Rolling out'}: ${latestWords}; ${updated} of ${plural(desired, 'pod')} updated${stuck ? ', and the new pods do not become ready' : ''}.`,
    };
  }
  return { ...base, state: 'live', message: `Live: ${latestWords} runs in every pod.` };
}

// ---- the verdict ------------------------------------------------------------------------------

function rank(kind: ProblemKind): number {
  const index = PROBLEM_PRIORITY.indexOf(kind);
  return index < 0 ? PROBLEM_PRIORITY.length : index;
}

function clusterVerdict(cluster: ClusterState): HealthSummary | undefined {
  if (cluster.reachability === 'not-configured') {
    return { verdict: 'unknown', title: 'No access to the cluster', reason: `Berth has no credentials for ${cluster.name} (kubeconfig context “${cluster.context}”)${cluster.error ? `: ${cluster.error}` : ''}.` };
  }
  if (cluster.reachability === 'unreachable') {
    const since = cluster.unreachableSince ? ` since ${cluster.unreachableSince}` : '';
    const shown = cluster.lastSyncAt ? ' What is shown below is the last good data.' : ' Berth has no data from it yet.';
    return { verdict: 'unknown', title: 'Cluster unreachable', reason: `Berth cannot reach ${cluster.name}${since}.${shown} It reconnects by itself.` };
  }
  if (cluster.reachability === 'connecting' && !cluster.lastSyncAt) {
    return { verdict: 'unknown', title: 'Connecting to the cluster', reason: `Berth is reading ${cluster.name} for the first time.` };
  }
  return undefined;
}

type LabelledObject = { metadata?: { namespace?: string; labels?: Record<string, string> } };

/** The objects the chart made for `app` (its instance label) in its namespace. */
export function ofApp<T extends LabelledObject>(items: T[], app: string, namespace: string): T[] {
  return items.filter((o) => o.metadata?.namespace === namespace && o.metadata?.labels?.[LABEL_INSTANCE] === app);
}

export function summarizeAppStatus(input: AppStatusInput, now: number): AppStatus {
  const { app, environment, namespace, cluster, objects } = input;
  const inApp = <T extends LabelledObject>(items: T[]) => ofApp(items, app, namespace);
  const deploymentsRaw = inApp(objects.deployments).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const replicaSets = inApp(objects.replicaSets);
  const podsRaw = inApp(objects.pods);
  const budgets = inApp(objects.disruptionBudgets).map(budgetStatus);

  const appEvents = objects.events
    .filter((e) => concernsApp(e, app, namespace))
    .sort((a, b) => eventTime(b) - eventTime(a));
  const warnings = appEvents
    .filter((e) => e.type === 'Warning' && now - eventTime(e) < RECENT_EVENTS_MS)
    .slice(0, MAX_WARNINGS)
    .map(toStatusEvent);

  const deployments = deploymentsRaw.map(deploymentStatus);
  const newest = newestReplicaSets(deploymentsRaw, replicaSets);
  const deploymentByComponent = new Map(deployments.map((d) => [d.component, d]));

  const pods: PodStatus[] = podsRaw.map((pod) => {
    const name = pod.metadata?.name ?? '';
    const containers = containerStatuses(pod);
    const events = appEvents.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === name).slice(0, MAX_POD_EVENTS).map(toStatusEvent);
    const display = podDisplayStatus(pod, containers);
    const lastTerminations = containers.map((c) => c.lastTermination).filter((t): t is ContainerTermination => !!t?.finishedAt);
    const last = lastTerminations.sort((a, b) => (toMillis(b.finishedAt) ?? 0) - (toMillis(a.finishedAt) ?? 0))[0];
    const rs = controllerName(pod.metadata, 'ReplicaSet');
    const out: PodStatus = {
      name,
      phase: pod.status?.phase ?? 'Unknown',
      status: display.status,
      ready: { ready: containers.filter((c) => c.ready).length, total: containers.length },
      restarts: containers.reduce((n, c) => n + c.restarts, 0),
      current: rs ? newest.has(rs) : true,
      terminating: !!pod.metadata?.deletionTimestamp,
      containers,
      events,
    };
    const component = pod.metadata?.labels?.[LABEL_COMPONENT];
    if (component) out.component = component;
    if (display.message) out.statusMessage = display.message;
    if (last?.finishedAt) {
      out.lastRestartAt = last.finishedAt;
      out.lastRestartReason = `${last.reason ?? 'Exited'}${last.exitCode !== undefined ? ` (exit code ${last.exitCode})` : ''}`;
    }
    if (pod.spec?.nodeName) out.node = pod.spec.nodeName;
    const created = toIso(pod.metadata?.creationTimestamp);
    if (created) out.createdAt = created;
    const revision = pod.metadata?.annotations?.[ANNOTATION_CONFIG_REVISION];
    if (revision) out.configRevision = revision;
    const problem = podProblem(pod, containers, events, now);
    if (problem) out.problem = problem;
    return out;
  });
  pods.sort((a, b) => (a.component ?? '').localeCompare(b.component ?? '') || Number(b.current) - Number(a.current) || a.name.localeCompare(b.name));

  // Problems: pod problems grouped by kind and deployment, then stuck rollouts and missing pods.
  const groups = new Map<string, { kind: ProblemKind; component?: string; pods: PodStatus[] }>();
  for (const pod of pods) {
    if (!pod.problem) continue;
    const key = `${pod.problem}/${pod.component ?? ''}`;
    const group = groups.get(key) ?? { kind: pod.problem, component: pod.component, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  const problems: StatusProblem[] = [];
  for (const group of groups.values()) {
    const d = group.component ? deploymentByComponent.get(group.component) : undefined;
    const first = group.pods[0];
    const own = first.containers.filter((c) => !c.sidecar);
    const failing = own.find((c) => c.state !== 'running' || !c.ready) ?? own[0];
    const termination = failing?.state === 'terminated' ? { reason: failing.reason, exitCode: failing.exitCode, message: failing.message } : failing?.lastTermination;
    const podSpec = podsRaw.find((p) => p.metadata?.name === first.name)?.spec?.containers.find((c) => c.name === failing?.name);
    const facts: ProblemFacts = {
      app,
      environment,
      component: group.component,
      pods: group.pods.map((p) => p.name),
      desired: d?.desired,
      available: d?.available,
      restarts: group.pods.reduce((n, p) => n + p.restarts, 0),
      image: failing?.image,
      memoryLimit: podSpec?.resources?.limits?.memory,
    };
    if (termination?.exitCode !== undefined) facts.exitCode = termination.exitCode;
    const detail = termination?.message ?? (failing?.state === 'waiting' ? failing.message : undefined) ?? first.events.find((e) => e.type === 'Warning')?.message;
    if (detail) facts.detail = detail;
    problems.push(explainProblem(group.kind, facts));
  }
  for (const d of deployments) {
    const facts: ProblemFacts = { app, environment, component: d.component, pods: [], desired: d.desired, available: d.available };
    if (d.rollout.state === 'stuck' && !problems.some((p) => p.component === d.component)) {
      problems.push(explainProblem('ProgressDeadlineExceeded', facts));
    }
  }
  problems.sort((a, b) => rank(a.kind) - rank(b.kind));

  const base = {
    app,
    environment,
    namespace,
    cluster,
    generatedAt: new Date(now).toISOString(),
    problems,
    change: changeLiveness(deployments, input.revisions, environment),
    deployments,
    disruptionBudgets: budgets,
    pods,
    warnings,
  };
  return { ...base, health: verdictOf(input, deployments, pods, problems) };
}

function verdictOf(input: AppStatusInput, deployments: DeploymentStatus[], pods: PodStatus[], problems: StatusProblem[]): HealthSummary {
  const { app, environment, namespace, cluster } = input;
  const clusterProblem = clusterVerdict(cluster);
  if (clusterProblem) return clusterProblem;
  if (deployments.length === 0) {
    return {
      verdict: 'not-deployed',
      title: 'Not deployed',
      reason: `Nothing of ${app} runs in ${environment}: there is no deployment in namespace ${namespace} on ${cluster.name}. CI/CD deploys the app after its values are committed.`,
      aptible: 'On Aptible: an app that was created but never deployed.',
    };
  }
  const active = deployments.filter((d) => d.desired > 0);
  if (active.length === 0) {
    return {
      verdict: 'not-deployed',
      title: 'Scaled to zero',
      reason: `Every deployment of ${app} is set to 0 pods in ${environment}, so nothing runs.`,
      aptible: 'On Aptible: every service scaled to a container count of 0.',
    };
  }
  const fromProblem = (verdict: HealthSummary['verdict'], problem: StatusProblem): HealthSummary => ({
    verdict,
    title: problem.title,
    reason: problem.reason,
    aptible: problem.aptible,
    ...(problem.guide ? { guide: problem.guide } : {}),
  });
  const down = active.filter((d) => d.available === 0);
  if (down.length) {
    const downComponents = new Set(down.map((d) => d.component));
    const cause = problems.find((p) => p.component !== undefined && downComponents.has(p.component));
    // The app is down when what serves requests (or everything) is down; a stopped worker degrades it.
    const serving = active.filter((d) => d.port !== undefined);
    const isDown = down.length === active.length || serving.some((d) => downComponents.has(d.component));
    if (cause) return fromProblem(isDown ? 'down' : 'degraded', cause);
    const pending = pods.filter((p) => down.some((d) => d.component === p.component));
    return {
      verdict: 'progressing',
      title: 'Starting',
      reason: `${down.map((d) => `${d.component}: ${d.ready} of ${plural(d.desired, 'pod')} ready`).join('; ')}${pending.length === 0 ? ' (no pod created yet)' : ''}.`,
      aptible: 'On Aptible: a deploy still starting its containers.',
    };
  }
  if (problems.length) return fromProblem('degraded', problems[0]);
  const rolling = active.filter((d) => d.rollout.state === 'progressing');
  if (rolling.length) {
    return {
      verdict: 'progressing',
      title: 'Rolling out',
      reason: rolling.map((d) => `${d.component}: ${d.rollout.reason}`).join(' '),
      aptible: 'On Aptible: a deploy in progress — new containers start before the old ones stop.',
    };
  }
  const short = active.filter((d) => d.available < d.desired);
  if (short.length) {
    const d = short[0];
    const problem = explainProblem('Unavailable', { app, environment, component: d.component, pods: [], desired: d.desired, available: d.available });
    return { verdict: 'degraded', title: problem.title, reason: problem.reason, aptible: problem.aptible, ...(problem.guide ? { guide: problem.guide } : {}) };
  }
  const total = active.reduce((n, d) => n + d.desired, 0);
  return {
    verdict: 'healthy',
    title: 'Healthy',
    reason: `All ${plural(total, 'pod')} of ${app} are running and ready in ${environment}.`,
  };
}
