// The pure heart of the status page: one app's Kubernetes objects in one cluster (as the informer
// caches hold them) → Berth's AppStatus, with one verdict, its reason in plain words and Aptible's.
// No I/O: the caller passes the objects, what git knows about revisions, and the time.
import { plural } from '@/lib/text/plural';
import type { AppStatus, ClusterState, ContainerTermination, DeploymentStatus, HealthSummary, PodStatus, StatusProblem } from './app-status';
import { concernsApp, eventTime, RECENT_EVENTS_MS, toStatusEvent } from './app-events';
import { changeLiveness, type RevisionFacts } from './change-liveness';
import { ANNOTATION_CONFIG_REVISION, type AppObjects, controllerName, LABEL_COMPONENT, type LabelledObject, ofApp } from './chart-labels';
import { explainProblem, PROBLEM_PRIORITY, type ProblemFacts, type ProblemKind } from './explain-problem';
import { toIso, toMillis } from './object-time';
import { budgetStatus, deploymentStatus, newestReplicaSets } from './summarize-deployments';
import { containerStatuses, isStartupProbeFailure, podDisplayStatus, podProblem } from './summarize-pods';

const MAX_WARNINGS = 20;
const MAX_POD_EVENTS = 30;

export interface AppStatusInput {
  app: string;
  environment: string;
  namespace: string;
  cluster: ClusterState;
  objects: AppObjects;
  /** Absent: "is my change live" is not computed (the apps list's summary). */
  revisions?: RevisionFacts;
}

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
    const problem = explainProblem(group.kind, facts);
    // Which container to read the previous lines of, and when it stopped (the Logs deep link).
    if (failing) {
      problem.container = failing.name;
      const stoppedAt = failing.state === 'terminated' ? failing.finishedAt : failing.lastTermination?.finishedAt;
      if (stoppedAt) problem.stoppedAt = stoppedAt;
    }
    problems.push(problem);
  }
  for (const d of deployments) {
    const facts: ProblemFacts = { app, environment, component: d.component, pods: [], desired: d.desired, available: d.available };
    if (d.rollout.state === 'stuck' && !problems.some((p) => p.component === d.component)) {
      problems.push(explainProblem('ProgressDeadlineExceeded', facts));
    }
  }
  problems.sort((a, b) => rank(a.kind) - rank(b.kind));

  // Warnings read in context: a start-up probe failing on a pod that is still starting is
  // expected; a warning about a pod that is gone is history (kept, marked, listed last).
  const podsByName = new Map(pods.map((p) => [p.name, p]));
  const readWarnings = warnings
    .map((w) => {
      if (w.object.kind !== 'Pod') return w;
      const pod = podsByName.get(w.object.name);
      if (!pod) return { ...w, note: 'pod-gone' as const };
      if (isStartupProbeFailure(w) && pod.restarts === 0) return { ...w, note: 'expected-while-starting' as const };
      return w;
    })
    .sort((a, b) => Number(a.note === 'pod-gone') - Number(b.note === 'pod-gone'));

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
    warnings: readWarnings,
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
  // While a new revision rolls out: one state until it is ready or clearly failing. The steps in
  // between (new pods starting, old ones stopping, the old revision's crashes) are not verdicts
  // of their own — they made the banner flap down → degraded → progressing → healthy.
  // (A first start, with no earlier revision, keeps its own words: "Starting", or what fails.)
  const rolling = active.filter((d) => d.rollout.state === 'progressing' && ((d.rolloutNumber ?? 1) > 1 || pods.some((p) => p.component === d.component && !p.current)));
  if (rolling.length) {
    const currentPods = new Set(pods.filter((p) => p.current && !p.terminating).map((p) => p.name));
    const failing = problems.some((p) => ROLLOUT_FAILURES.has(p.kind) && p.pods.some((name) => currentPods.has(name)));
    if (!failing) return rolloutVerdict(rolling, pods);
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

/** Problems of the new revision's own pods that will not fix themselves: the rollout is failing. */
const ROLLOUT_FAILURES = new Set<ProblemKind>(['ImagePullBackOff', 'CreateContainerConfigError', 'OOMKilled', 'CrashLoopBackOff', 'Restarted', 'Evicted']);

const isReady = (p: PodStatus) => !p.terminating && p.ready.total > 0 && p.ready.ready === p.ready.total;

export const ROLLING_OUT_TITLE = 'Rolling out your change';

/** "web: 1 of 3 new pods ready; the old version still serves (2 pods ready)." */
function rolloutVerdict(rolling: DeploymentStatus[], pods: PodStatus[]): HealthSummary {
  const parts = rolling.map((d) => {
    const own = pods.filter((p) => p.component === d.component);
    const newReady = own.filter((p) => p.current && isReady(p)).length;
    const old = own.filter((p) => !p.current && !p.terminating);
    const oldReady = old.filter(isReady).length;
    const progress = `${d.component}: ${newReady} of ${plural(d.desired, 'new pod')} ready`;
    if (oldReady > 0) return `${progress}; the old version still serves (${plural(oldReady, 'pod')} ready).`;
    if (old.length > 0) return `${progress}; the old version is not serving either (none of its ${plural(old.length, 'pod')} is ready)${d.port !== undefined ? ', so requests fail until a new pod is ready' : ''}.`;
    return `${progress}; no old version runs${d.port !== undefined && newReady === 0 ? ', so nothing serves until a new pod is ready' : ''}.`;
  });
  return {
    verdict: 'progressing',
    title: ROLLING_OUT_TITLE,
    reason: `${parts.join(' ')} Berth says so here until the new pods are ready, or clearly failing.`,
    aptible: 'On Aptible: a deploy in progress — new containers start before the old ones stop.',
  };
}
