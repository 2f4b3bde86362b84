// Tables for the status summary and its verdicts: Kubernetes objects in (as the informer caches
// hold them), Berth's AppStatus out.
import type { CoreV1Event, V1ContainerStatus, V1Deployment, V1Pod, V1PodDisruptionBudget, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ClusterState, HealthVerdict } from './app-status';
import { type RevisionFacts } from './change-liveness';
import { type AppObjects } from './chart-labels';
import { type AppStatusInput, summarizeAppStatus } from './summarize-app-status';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const APP = 'intake-forms';
const NEW = 'a'.repeat(40);
const OLD = 'b'.repeat(40);

const reachable: ClusterState = { name: 'gke-stage', context: 'stage', reachability: 'reachable', lastSyncAt: ago(30 * MIN), sandbox: true };

const labels = (component?: string, hash?: string) => ({
  'app.kubernetes.io/instance': APP,
  'app.kubernetes.io/name': APP,
  'app.kubernetes.io/managed-by': 'Helm',
  ...(component ? { 'app.kubernetes.io/component': component } : {}),
  ...(hash ? { 'pod-template-hash': hash } : {}),
});

interface DeploymentShape {
  replicas?: number;
  current?: number;
  updated?: number;
  ready?: number;
  available?: number;
  revision?: string | null;
  progressing?: { status: 'True' | 'False'; reason: string };
  generation?: number;
  observed?: number;
  port?: number | null;
  rollout?: number;
}

function deployment(component: string, shape: DeploymentShape = {}): V1Deployment {
  const replicas = shape.replicas ?? 2;
  const updated = shape.updated ?? replicas;
  const ready = shape.ready ?? replicas;
  const available = shape.available ?? ready;
  const annotations: Record<string, string> = shape.revision === null ? {} : { 'berth.dev/config-revision': shape.revision ?? NEW };
  const port = shape.port === null ? undefined : (shape.port ?? 3000);
  return {
    metadata: { name: `${APP}-${component}`, namespace: APP, labels: labels(component), generation: shape.generation ?? 1, annotations: { 'deployment.kubernetes.io/revision': String(shape.rollout ?? 1) } },
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/instance': APP, 'app.kubernetes.io/component': component } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(component), annotations },
        spec: { containers: [{ name: component, image: `registry/${APP}:v2`, ...(port ? { ports: [{ containerPort: port }] } : {}), resources: { limits: { memory: '384Mi' } } }] },
      },
    },
    status: {
      observedGeneration: shape.observed ?? 1,
      replicas: shape.current ?? replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      conditions: [
        { type: 'Available', status: available > 0 ? 'True' : 'False', reason: 'x' },
        { type: 'Progressing', ...(shape.progressing ?? { status: 'True', reason: updated === replicas && available === replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' }) },
      ],
    },
  };
}

function replicaSet(component: string, hash: string, rollout: number): V1ReplicaSet {
  return {
    metadata: {
      name: `${APP}-${component}-${hash}`,
      namespace: APP,
      labels: labels(component, hash),
      annotations: { 'deployment.kubernetes.io/revision': String(rollout) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: `${APP}-${component}`, uid: `d-${component}`, controller: true }],
    },
    spec: { selector: {}, replicas: 1 },
  };
}

const running = (since = 20 * MIN): V1ContainerStatus['state'] => ({ running: { startedAt: new Date(NOW - since) } });

interface PodShape {
  hash?: string;
  ready?: boolean;
  state?: V1ContainerStatus['state'];
  restarts?: number;
  lastState?: V1ContainerStatus['lastState'];
  phase?: string;
  deleting?: boolean;
  node?: string | null;
  revision?: string;
  conditions?: NonNullable<V1Pod['status']>['conditions'];
  sidecar?: boolean;
}

function pod(component: string, suffix: string, shape: PodShape = {}): V1Pod {
  const hash = shape.hash ?? 'new1';
  const name = `${APP}-${component}-${hash}-${suffix}`;
  // A pod not scheduled yet has no container statuses at all.
  const unscheduled = shape.phase === 'Pending' && shape.node === null;
  const statuses: V1ContainerStatus[] = unscheduled
    ? []
    : [
        {
          name: component,
          image: `registry/${APP}:v2`,
          imageID: '',
          ready: shape.ready ?? true,
          restartCount: shape.restarts ?? 0,
          state: shape.state ?? running(),
          lastState: shape.lastState ?? {},
        },
      ];
  if (shape.sidecar) statuses.push({ name: 'istio-proxy', image: 'proxyv2', imageID: '', ready: true, restartCount: 0, state: running() });
  return {
    metadata: {
      name,
      namespace: APP,
      labels: labels(component, hash),
      // From a WATCH, timestamps arrive as strings: the summary takes both.
      creationTimestamp: ago(30 * MIN) as unknown as Date,
      annotations: { 'berth.dev/config-revision': shape.revision ?? NEW },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${APP}-${component}-${hash}`, uid: `rs-${hash}`, controller: true }],
      ...(shape.deleting ? { deletionTimestamp: new Date(NOW) } : {}),
    },
    spec: {
      ...(shape.node === null ? {} : { nodeName: shape.node ?? 'gke-stage-default-pool-1' }),
      containers: [{ name: component, image: `registry/${APP}:v2`, resources: { limits: { memory: '384Mi' } } }, ...(shape.sidecar ? [{ name: 'istio-proxy', image: 'proxyv2' }] : [])],
    },
    status: { phase: shape.phase ?? 'Running', containerStatuses: statuses, ...(shape.conditions ? { conditions: shape.conditions } : {}) },
  };
}

function event(involved: { kind: string; name: string }, reason: string, message: string, at: number, type: 'Warning' | 'Normal' = 'Warning', namespace = APP): CoreV1Event {
  return {
    metadata: { name: `${involved.name}.${at}`, namespace },
    involvedObject: { kind: involved.kind, name: involved.name, namespace },
    reason,
    message,
    type,
    count: 3,
    firstTimestamp: new Date(NOW - at - 5 * MIN),
    lastTimestamp: new Date(NOW - at),
  };
}

const crashLoop: V1ContainerStatus['state'] = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=web' } };
const exited = (reason: string, code: number, finishedAgo: number): V1ContainerStatus['lastState'] => ({
  terminated: { reason, exitCode: code, startedAt: new Date(NOW - finishedAgo - 2000), finishedAt: new Date(NOW - finishedAgo) },
});

function objects(partial: Partial<AppObjects>): AppObjects {
  return { deployments: [], replicaSets: [replicaSet('web', 'new1', 2), replicaSet('web', 'old1', 1), replicaSet('worker', 'new1', 1)], pods: [], disruptionBudgets: [], events: [], ...partial };
}

const liveFacts: RevisionFacts = { latest: { revision: NEW, subject: 'Set FHIR_BASE_URL in stage', author: 'Ana Souza', time: ago(10 * MIN) }, behind: { [NEW]: 0 } };

function input(partial: Partial<AppObjects>, extra: Partial<AppStatusInput> = {}): AppStatusInput {
  return { app: APP, environment: 'stage', namespace: APP, cluster: reachable, objects: objects(partial), revisions: liveFacts, ...extra };
}

interface VerdictCase {
  name: string;
  input: AppStatusInput;
  verdict: HealthVerdict;
  title: RegExp;
  reason?: RegExp;
  aptible?: RegExp;
  guide?: string;
}

const web2 = [pod('web', 'aaaaa'), pod('web', 'bbbbb')];

const verdicts: VerdictCase[] = [
  { name: 'every pod running and ready', input: input({ deployments: [deployment('web')], pods: web2 }), verdict: 'healthy', title: /^Healthy$/, reason: /All 2 pods .* running and ready in stage/ },
  {
    name: 'a crash loop with nothing serving',
    input: input({
      deployments: [deployment('web', { ready: 0, available: 0, progressing: { status: 'False', reason: 'ProgressDeadlineExceeded' } })],
      pods: [pod('web', 'aaaaa', { ready: false, state: crashLoop, restarts: 5, lastState: exited('Error', 1, 2 * MIN) }), pod('web', 'bbbbb', { ready: false, state: crashLoop, restarts: 4, lastState: exited('Error', 1, 3 * MIN) })],
    }),
    verdict: 'down',
    title: /CrashLoopBackOff/,
    reason: /web deployment \(2 pods\) starts and exits with exit code 1 again and again.*No web pod is serving/,
    aptible: /release that keeps failing to start/,
    guide: '/guides/debugging-a-broken-deploy#crashloopbackoff',
  },
  {
    name: 'a recent OOM kill in a pod that runs again',
    input: input({ deployments: [deployment('web')], pods: [pod('web', 'aaaaa', { restarts: 2, lastState: exited('OOMKilled', 137, 8 * MIN) }), pod('web', 'bbbbb')] }),
    verdict: 'degraded',
    title: /Out of memory \(OOMKilled\)/,
    reason: /more memory than its limit \(384Mi\)/,
    aptible: /container size.*apps:scale --container-size/,
    guide: '/guides/debugging-a-broken-deploy#oomkilled',
  },
  {
    name: 'an OOM kill long ago',
    input: input({ deployments: [deployment('web')], pods: [pod('web', 'aaaaa', { restarts: 1, lastState: exited('OOMKilled', 137, 3 * 60 * MIN) }), pod('web', 'bbbbb')] }),
    verdict: 'healthy',
    title: /^Healthy$/,
  },
  {
    name: 'a new image that cannot be pulled while the old pods serve',
    input: input({
      deployments: [deployment('web', { current: 3, updated: 1, ready: 2, available: 2, rollout: 2 })],
      pods: [...[pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' })], pod('web', 'ccccc', { ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } })],
    }),
    verdict: 'degraded',
    title: /ImagePullBackOff/,
    aptible: /image could not be pulled/,
    guide: '/guides/debugging-a-broken-deploy#imagepullbackoff',
  },
  {
    name: 'a rollout going well',
    input: input({ deployments: [deployment('web', { current: 3, updated: 1, ready: 3, available: 3 })], pods: [pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' }), pod('web', 'ccccc')] }),
    verdict: 'progressing',
    title: /^Rolling out your change$/,
    reason: /web: 1 of 2 new pods ready; the old version still serves \(2 pods ready\)/,
  },
  {
    name: 'an app with no pods yet',
    input: input({ deployments: [deployment('web', { updated: 0, ready: 0, available: 0, current: 0 })], pods: [] }),
    verdict: 'progressing',
    title: /^Starting$/,
    reason: /web: 0 of 2 pods ready \(no pod created yet\)/,
  },
  {
    name: 'pods created but not scheduled yet',
    input: input({ deployments: [deployment('web', { ready: 0, available: 0 })], pods: [pod('web', 'aaaaa', { ready: false, phase: 'Pending', node: null, state: undefined })] }),
    verdict: 'progressing',
    title: /^Starting$/,
  },
  {
    name: 'nothing deployed (or a namespace that does not exist)',
    input: input({}),
    verdict: 'not-deployed',
    title: /Not deployed/,
    reason: /no deployment in namespace intake-forms on gke-stage/,
  },
  {
    name: 'every deployment scaled to zero',
    input: input({ deployments: [deployment('web', { replicas: 0, ready: 0, available: 0, current: 0 })] }),
    verdict: 'not-deployed',
    title: /Scaled to zero/,
  },
  {
    name: 'a stuck rollout without a pod-level cause',
    input: input({ deployments: [deployment('web', { current: 3, updated: 1, ready: 2, available: 2, progressing: { status: 'False', reason: 'ProgressDeadlineExceeded' } })], pods: web2 }),
    verdict: 'degraded',
    title: /Deploy stuck/,
    aptible: /timed out/,
  },
  {
    name: 'a worker crash-looping while the web serves',
    input: input({
      deployments: [deployment('web'), deployment('worker', { replicas: 1, ready: 0, available: 0, port: null })],
      pods: [...web2, pod('worker', 'wwwww', { ready: false, state: crashLoop, restarts: 3, lastState: exited('Error', 2, MIN) })],
    }),
    verdict: 'degraded',
    title: /CrashLoopBackOff/,
    reason: /The worker deployment/,
  },
  {
    name: 'running but failing the readiness check',
    input: input({
      deployments: [deployment('web', { ready: 0, available: 0 })],
      pods: [pod('web', 'aaaaa', { ready: false })],
      events: [event({ kind: 'Pod', name: `${APP}-web-new1-aaaaa` }, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', MIN)],
    }),
    verdict: 'down',
    title: /never ready/,
    guide: '/guides/debugging-a-broken-deploy#running-but-never-ready',
  },
  {
    name: 'a pod waiting for room in the cluster',
    input: input({
      deployments: [deployment('web', { ready: 1, available: 1 })],
      pods: [pod('web', 'aaaaa'), pod('web', 'bbbbb', { ready: false, phase: 'Pending', node: null, state: undefined, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] })],
    }),
    verdict: 'degraded',
    title: /Pending/,
    guide: '/guides/debugging-a-broken-deploy#pending',
  },
  {
    name: 'a crash a few minutes ago, running again',
    input: input({ deployments: [deployment('web')], pods: [pod('web', 'aaaaa', { restarts: 1, lastState: exited('Error', 1, 4 * MIN) }), pod('web', 'bbbbb')] }),
    verdict: 'degraded',
    title: /Restarted recently/,
  },
  {
    name: 'a cluster that cannot be reached',
    input: input({ deployments: [deployment('web')], pods: web2 }, { cluster: { ...reachable, reachability: 'unreachable', unreachableSince: ago(2 * MIN), error: 'connect ECONNREFUSED' } }),
    verdict: 'unknown',
    title: /Cluster unreachable/,
    reason: /cannot reach gke-stage since .*last good data/,
  },
  {
    name: 'a cluster Berth has no credentials for',
    input: input({}, { cluster: { ...reachable, reachability: 'not-configured', error: 'the kubeconfig has no context “stage”' } }),
    verdict: 'unknown',
    title: /No access/,
  },
  {
    name: 'a cluster being read for the first time',
    input: input({}, { cluster: { name: 'gke-stage', context: 'stage', reachability: 'connecting', sandbox: true } }),
    verdict: 'unknown',
    title: /Connecting/,
  },
];

describe('summarizeAppStatus: one verdict per app and environment', () => {
  it.each(verdicts)('$name → $verdict', (c) => {
    const status = summarizeAppStatus(c.input, NOW);
    expect(status.health.verdict).toBe(c.verdict);
    expect(status.health.title).toMatch(c.title);
    if (c.reason) expect(status.health.reason).toMatch(c.reason);
    if (c.aptible) expect(status.health.aptible).toMatch(c.aptible);
    if (c.guide) expect(status.health.guide?.href).toBe(c.guide);
  });

  it('keeps the last good data of an unreachable cluster', () => {
    const status = summarizeAppStatus(verdicts.find((c) => c.name === 'a cluster that cannot be reached')!.input, NOW);
    expect(status.pods).toHaveLength(2);
    expect(status.cluster.unreachableSince).toBe(ago(2 * MIN));
  });
});

describe('summarizeAppStatus: pods, deployments and events', () => {
  it('describes a crash-looping pod the way kubectl and Headlamp do', () => {
    const status = summarizeAppStatus(verdicts[1].input, NOW);
    const [first] = status.pods;
    expect(first).toMatchObject({
      name: `${APP}-web-new1-aaaaa`,
      component: 'web',
      phase: 'Running',
      status: 'CrashLoopBackOff',
      statusMessage: 'back-off 40s restarting failed container=web',
      ready: { ready: 0, total: 1 },
      restarts: 5,
      lastRestartAt: ago(2 * MIN),
      lastRestartReason: 'Error (exit code 1)',
      node: 'gke-stage-default-pool-1',
      createdAt: ago(30 * MIN),
      current: true,
      terminating: false,
      problem: 'CrashLoopBackOff',
    });
    expect(first.containers[0]).toMatchObject({
      name: 'web',
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      restarts: 5,
      lastTermination: { reason: 'Error', exitCode: 1, finishedAt: ago(2 * MIN) },
      sidecar: false,
    });
    expect(status.problems).toHaveLength(1);
    expect(status.problems[0]).toMatchObject({ kind: 'CrashLoopBackOff', component: 'web', pods: [`${APP}-web-new1-aaaaa`, `${APP}-web-new1-bbbbb`] });
    expect(status.deployments[0]).toMatchObject({ name: `${APP}-web`, component: 'web', desired: 2, updated: 2, ready: 0, available: 0, port: 3000, rollout: { state: 'stuck' } });
  });

  it('orders pods by deployment, new before old, and marks old and terminating ones', () => {
    const status = summarizeAppStatus(
      input({
        deployments: [deployment('web', { current: 3, updated: 1 })],
        pods: [pod('web', 'zzzzz', { hash: 'old1', deleting: true }), pod('web', 'yyyyy', { hash: 'old1' }), pod('web', 'ccccc', { sidecar: true })],
      }),
      NOW,
    );
    expect(status.pods.map((p) => [p.name.slice(-5), p.current, p.status])).toEqual([
      ['ccccc', true, 'Running'],
      ['yyyyy', false, 'Running'],
      ['zzzzz', false, 'Terminating'],
    ]);
    expect(status.pods[0].ready).toEqual({ ready: 2, total: 2 });
    expect(status.pods[0].containers.map((c) => [c.name, c.sidecar])).toEqual([
      ['web', false],
      ['istio-proxy', true],
    ]);
  });

  it('keeps recent Warning events of the app only, newest first, and gives each pod its own events', () => {
    const podName = `${APP}-web-new1-aaaaa`;
    const status = summarizeAppStatus(
      input({
        deployments: [deployment('web')],
        pods: web2,
        events: [
          event({ kind: 'Pod', name: podName }, 'BackOff', 'Back-off restarting failed container', 5 * MIN),
          event({ kind: 'Pod', name: podName }, 'Pulled', 'Container image already present', 6 * MIN, 'Normal'),
          event({ kind: 'Deployment', name: `${APP}-web` }, 'FailedCreate', 'quota exceeded', 2 * MIN),
          event({ kind: 'Pod', name: podName }, 'Unhealthy', 'old news', 2 * 60 * MIN),
          event({ kind: 'Pod', name: 'billing-sync-sync-1' }, 'BackOff', 'someone else', MIN),
          event({ kind: 'Pod', name: `${APP}-web-x` }, 'BackOff', 'other namespace', MIN, 'Warning', 'default'),
        ],
      }),
      NOW,
    );
    expect(status.warnings.map((w) => w.reason)).toEqual(['FailedCreate', 'BackOff']);
    expect(status.warnings[0]).toMatchObject({ object: { kind: 'Deployment', name: `${APP}-web` }, count: 3, lastSeen: ago(2 * MIN) });
    expect(status.pods.find((p) => p.name === podName)?.events.map((e) => e.reason)).toEqual(['BackOff', 'Pulled', 'Unhealthy']);
  });

  it('reports disruption budgets in words', () => {
    const pdb: V1PodDisruptionBudget = {
      metadata: { name: APP, namespace: APP, labels: labels() },
      spec: { minAvailable: 1 },
      status: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 },
    };
    const status = summarizeAppStatus(input({ deployments: [deployment('web')], pods: web2, disruptionBudgets: [pdb] }), NOW);
    expect(status.disruptionBudgets).toEqual([{ name: APP, rule: 'at least 1 pod up', allowedDisruptions: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 }]);
  });

  it('ignores objects of other apps and namespaces that share the cache bucket', () => {
    const stray = pod('web', 'qqqqq');
    stray.metadata!.namespace = 'elsewhere';
    const status = summarizeAppStatus(input({ deployments: [deployment('web')], pods: [...web2, stray] }), NOW);
    expect(status.pods).toHaveLength(2);
  });
});

describe('summarizeAppStatus: is my change live', () => {
  const cases: { name: string; deployments: V1Deployment[]; revisions?: RevisionFacts; state: string; message: RegExp; behindBy?: number }[] = [
    { name: 'the newest values run everywhere', deployments: [deployment('web')], revisions: liveFacts, state: 'live', message: /^Live: aaaaaaa “Set FHIR_BASE_URL in stage” by Ana Souza runs in every pod/ },
    {
      name: 'the newest values are rolling out',
      deployments: [deployment('web', { current: 3, updated: 1 })],
      revisions: liveFacts,
      state: 'rolling-out',
      message: /^Rolling out: aaaaaaa .*; 1 of 2 pods updated/,
    },
    {
      name: 'deployed but stuck',
      deployments: [deployment('web', { ready: 0, available: 0, progressing: { status: 'False', reason: 'ProgressDeadlineExceeded' } })],
      revisions: liveFacts,
      state: 'rolling-out',
      message: /rollout is stuck/,
    },
    {
      name: 'two commits behind',
      deployments: [deployment('web', { revision: OLD })],
      revisions: { ...liveFacts, behind: { [OLD]: 2 } },
      state: 'behind',
      message: /^Behind by 2 commits: stage runs bbbbbbb; the newest change is aaaaaaa/,
      behindBy: 2,
    },
    {
      name: 'the newest values fail validation: CI/CD skips them',
      deployments: [deployment('web', { revision: OLD })],
      revisions: { ...liveFacts, behind: { [OLD]: 1 }, undeployable: { problem: 'apps/intake-forms/values-stage.yaml:3: replicas must be a number', problems: 2, file: 'apps/intake-forms/values-stage.yaml', line: 3 } },
      state: 'not-deploying',
      message: /^Will not deploy: the newest values \(aaaaaaa .*\) fail validation — apps\/intake-forms\/values-stage.yaml:3: replicas must be a number \(and 1 more error\)\. CI\/CD skips them, so stage keeps running bbbbbbb\./,
      behindBy: 1,
    },
    {
      name: 'an older commit with the same values',
      deployments: [deployment('web', { revision: OLD })],
      revisions: { ...liveFacts, behind: { [OLD]: 0 } },
      state: 'live',
      message: /^Live/,
    },
    { name: 'a revision the repository does not know', deployments: [deployment('web', { revision: OLD })], revisions: { ...liveFacts, behind: { [OLD]: null } }, state: 'unknown', message: /not in the config repository/ },
    { name: 'a deployment without the annotation', deployments: [deployment('web', { revision: null })], revisions: liveFacts, state: 'unknown', message: /not deployed by the CI\/CD pipeline/ },
    { name: 'nothing deployed', deployments: [], revisions: liveFacts, state: 'not-deployed', message: /Nothing runs in stage yet/ },
    { name: 'no repository facts (apps list summary)', deployments: [deployment('web')], revisions: undefined, state: 'unknown', message: /^$/ },
  ];
  it.each(cases)('$name → $state', (c) => {
    const status = summarizeAppStatus(input({ deployments: c.deployments, pods: web2 }, { revisions: c.revisions }), NOW);
    expect(status.change.state).toBe(c.state);
    expect(status.change.message).toMatch(c.message);
    if (c.behindBy !== undefined) expect(status.change.behindBy).toBe(c.behindBy);
  });
});

describe('summarizeAppStatus: one state while a change rolls out', () => {
  const oldCrashing = (suffix: string) =>
    pod('web', suffix, { hash: 'old1', ready: false, state: crashLoop, restarts: 6, lastState: exited('Error', 1, MIN), revision: OLD });
  const starting = (suffix: string) => pod('web', suffix, { ready: false, state: running(5_000) });
  const verdictOf = (objects: Partial<AppObjects>) => {
    const status = summarizeAppStatus(input(objects), NOW);
    return { verdict: status.health.verdict, title: status.health.title, reason: status.health.reason };
  };

  it('a fix replacing a crash loop: down, then "rolling out your change" until the new pods are ready, then healthy — never flapping in between', () => {
    const crashing = (suffix: string) => pod('web', suffix, { ready: false, state: crashLoop, restarts: 6, lastState: exited('Error', 1, MIN) });
    const before = verdictOf({ deployments: [deployment('web', { ready: 0, available: 0 })], pods: [crashing('aaaaa'), crashing('bbbbb')] });
    expect(before.verdict).toBe('down');

    const steps = [
      // The new revision's first pod is created and starting; the old ones still crash.
      { deployments: [deployment('web', { rollout: 2, current: 3, updated: 1, ready: 0, available: 0 })], pods: [oldCrashing('aaaaa'), oldCrashing('bbbbb'), starting('ccccc')] },
      // One new pod ready, the second starting, an old one stopping.
      {
        deployments: [deployment('web', { rollout: 2, current: 3, updated: 2, ready: 1, available: 1 })],
        pods: [pod('web', 'aaaaa', { hash: 'old1', ready: false, state: crashLoop, restarts: 6, deleting: true, revision: OLD }), oldCrashing('bbbbb'), pod('web', 'ccccc'), starting('ddddd')],
      },
      // Both new pods ready, the last old one on its way out.
      { deployments: [deployment('web', { rollout: 2, current: 3, updated: 2, ready: 2, available: 2 })], pods: [oldCrashing('bbbbb'), pod('web', 'ccccc'), pod('web', 'ddddd')] },
    ];
    const during = steps.map(verdictOf);
    for (const step of during) {
      expect(step.verdict).toBe('progressing');
      expect(step.title).toBe('Rolling out your change');
    }
    expect(during[0].reason).toMatch(/web: 0 of 2 new pods ready; the old version is not serving either \(none of its 2 pods is ready\), so requests fail until a new pod is ready\./);
    expect(during[2].reason).toMatch(/web: 2 of 2 new pods ready/);

    const after = verdictOf({ deployments: [deployment('web', { rollout: 2 })], pods: [pod('web', 'ccccc'), pod('web', 'ddddd')] });
    expect(after.verdict).toBe('healthy');
  });

  it('says the old version still serves while a healthy app rolls out', () => {
    const step = verdictOf({ deployments: [deployment('web', { rollout: 3, current: 3, updated: 1, ready: 2, available: 2 })], pods: [pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' }), starting('ccccc')] });
    expect(step).toMatchObject({ verdict: 'progressing', title: 'Rolling out your change' });
    expect(step.reason).toMatch(/web: 0 of 2 new pods ready; the old version still serves \(2 pods ready\)/);
  });

  it('leaves the rollout state as soon as the new revision clearly fails', () => {
    const failing = verdictOf({
      deployments: [deployment('web', { rollout: 2, current: 3, updated: 1, ready: 2, available: 2 })],
      pods: [pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' }), pod('web', 'ccccc', { ready: false, state: crashLoop, restarts: 3, lastState: exited('Error', 1, MIN) })],
    });
    expect(failing.verdict).toBe('degraded');
    expect(failing.title).toMatch(/CrashLoopBackOff/);
    const pulling = verdictOf({
      deployments: [deployment('web', { rollout: 2, current: 3, updated: 1, ready: 2, available: 2 })],
      pods: [pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' }), pod('web', 'ccccc', { ready: false, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } })],
    });
    expect(pulling.title).toMatch(/ImagePullBackOff/);
  });

  it('names the crashed container and when it stopped, for the cause on the verdict', () => {
    const status = summarizeAppStatus(input({ deployments: [deployment('web', { ready: 0, available: 0 })], pods: [pod('web', 'aaaaa', { ready: false, state: crashLoop, restarts: 5, lastState: exited('Error', 1, 2 * MIN) })] }), NOW);
    expect(status.problems[0]).toMatchObject({ kind: 'CrashLoopBackOff', container: 'web', stoppedAt: ago(2 * MIN), pods: [`${APP}-web-new1-aaaaa`] });
  });

  it('reads warnings in context: start-up probe failures of a starting pod are expected, a gone pod’s warnings are marked and last', () => {
    const startingPod = `${APP}-web-new1-ccccc`;
    const status = summarizeAppStatus(
      input({
        deployments: [deployment('web', { rollout: 2, current: 3, updated: 1, ready: 2, available: 2 })],
        pods: [pod('web', 'aaaaa', { hash: 'old1' }), pod('web', 'bbbbb', { hash: 'old1' }), starting('ccccc')],
        events: [
          event({ kind: 'Pod', name: `${APP}-web-old1-zzzzz` }, 'BackOff', 'Back-off restarting failed container web', 2 * MIN),
          event({ kind: 'Pod', name: startingPod }, 'Unhealthy', 'Startup probe failed: HTTP probe failed with statuscode: 503', 3 * MIN),
        ],
      }),
      NOW,
    );
    expect(status.warnings.map((w) => [w.object.name, w.note])).toEqual([
      [startingPod, 'expected-while-starting'],
      [`${APP}-web-old1-zzzzz`, 'pod-gone'],
    ]);
    // A start-up probe does not make the starting pod "unhealthy".
    expect(status.pods.find((p) => p.name === startingPod)?.problem).toBeUndefined();
    expect(status.health.title).toBe('Rolling out your change');
  });
});
