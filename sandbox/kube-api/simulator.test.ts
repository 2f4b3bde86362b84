import { describe, expect, it } from 'vitest';
import type { ApiError } from './api-errors';
import type { Deployment, KubeEvent, Pod, PodDisruptionBudget, ReplicaSet } from './kube-types';
import { ANNOTATION_CONFIG_REVISION, ANNOTATION_REVISION, LABEL_POD_TEMPLATE_HASH } from './manifests';
import { resolveContainerId } from './pod-logs';
import { isPodReady } from './simulator';
import { app, manualCluster, restartsOf } from './test-helpers';

const MINUTE = 60_000;

describe('simulator: pod lifecycles', () => {
  it('brings pods from Pending through ContainerCreating to Running and Ready, with kubelet events', () => {
    const c = manualCluster('lifecycle');
    const phases = new Set<string>();
    c.store.subscribe((change) => {
      if (change.resource !== 'pods' || change.type === 'DELETED') return;
      const pod = change.object as Pod;
      const waiting = pod.status.containerStatuses?.[0]?.state.waiting?.reason;
      phases.add(waiting ? `${pod.status.phase}/${waiting}` : pod.status.phase);
    });
    c.simulator.applyDesiredState([app('scheduling-api', [{ name: 'api', port: 8080, readinessPath: '/healthz' }])]);
    expect(c.clock.advanceUntil(() => c.pods('scheduling-api').filter(isPodReady).length === 2, { maxMs: MINUTE })).toBe(true);
    expect([...phases]).toEqual(expect.arrayContaining(['Pending', 'Pending/ContainerCreating', 'Running']));
    const pod = c.pods('scheduling-api')[0];
    expect(pod.metadata.name).toMatch(/^scheduling-api-api-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.nodeName).toMatch(/^gke-stage-default-pool-[0-9a-f]{8}-[a-z0-9]{4}$/);
    expect(pod.status.podIP).toMatch(/^10\.64\.\d+\.\d+$/);
    expect(pod.metadata.annotations?.[ANNOTATION_CONFIG_REVISION]).toBe('rev-1');
    const reasons = (c.store.list('events', 'scheduling-api') as KubeEvent[]).filter((e) => e.involvedObject.name === pod.metadata.name).map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Created', 'Started']));
    expect(reasons.some((r) => r === 'Pulling' || r === 'Pulled')).toBe(true);
    const d = c.store.get('deployments', 'scheduling-api', 'scheduling-api-api') as Deployment;
    expect(d.status.conditions?.map((x) => `${x.type}=${x.status}/${x.reason}`)).toEqual(['Available=True/MinimumReplicasAvailable', 'Progressing=True/NewReplicaSetAvailable']);
    expect(d.metadata.annotations?.[ANNOTATION_REVISION]).toBe('1');
    expect(d.status.observedGeneration).toBe(d.metadata.generation);
  });

  it('crash-loops intake-forms without FHIR_BASE_URL with growing back-off, and fixing the values fixes it', () => {
    const c = manualCluster('crash');
    const backoffs: string[] = [];
    c.store.subscribe((change) => {
      const message = (change.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.message;
      const delay = message && /^back-off (\S+) restarting failed container=web pod=intake-forms-web-/.exec(message)?.[1];
      if (change.resource === 'pods' && delay && backoffs.at(-1) !== delay) backoffs.push(delay);
    });
    const broken = app('intake-forms', [{ name: 'web', replicas: 1, port: 8080, readinessPath: '/healthz', env: { NODE_ENV: 'production' } }]);
    c.simulator.applyDesiredState([broken]);
    expect(c.clock.advanceUntil(() => c.pods('intake-forms').some((p) => restartsOf(p) >= 7), { maxMs: 20 * MINUTE, stepMs: 1000 })).toBe(true);

    expect(backoffs.slice(0, 6)).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s']);
    const [pod] = c.pods('intake-forms');
    const status = pod.status.containerStatuses![0];
    expect(pod.status.phase).toBe('Running');
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(status.lastState.terminated?.startedAt).toBeTruthy();
    expect(status.lastState.terminated?.finishedAt).toBeTruthy();
    const previous = c.logs.get(resolveContainerId(pod, 'web', true))!;
    const text = previous.lines.map((l) => l.text).join('\n');
    expect(text).toContain('intake-forms 1.0.0 starting (node v20.18.1, NODE_ENV=production)');
    expect(text).toContain('Error: FHIR_BASE_URL is not set');
    expect(previous.lines.find((l) => l.text === 'Error: FHIR_BASE_URL is not set')?.stream).toBe('stderr');
    const events = c.store.list('events', 'intake-forms') as KubeEvent[];
    const backOff = events.find((e) => e.reason === 'BackOff');
    expect(backOff?.type).toBe('Warning');
    expect(backOff?.message).toMatch(/^Back-off restarting failed container web in pod intake-forms-web-\S+_intake-forms\(/);
    expect(backOff!.count).toBeGreaterThan(3);

    // No progress for longer than progressDeadlineSeconds (600 s): the rollout is reported as stuck.
    const stuck = c.store.get('deployments', 'intake-forms', 'intake-forms-web') as Deployment;
    expect(stuck.status.conditions?.find((x) => x.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });

    // Fix the values: the new ReplicaSet comes up healthy and replaces the crashing pod.
    c.simulator.applyDesiredState([{ ...broken, revision: 'rev-2', deployments: [{ ...broken.deployments[0], env: { NODE_ENV: 'production', FHIR_BASE_URL: 'https://fhir.example/r4' } }] }]);
    expect(
      c.clock.advanceUntil(() => {
        const d = c.store.get('deployments', 'intake-forms', 'intake-forms-web') as Deployment;
        return !!d.status.conditions?.some((x) => x.type === 'Progressing' && x.reason === 'NewReplicaSetAvailable') && c.pods('intake-forms').length === 1;
      }, { maxMs: 5 * MINUTE }),
    ).toBe(true);
    const healthy = c.pods('intake-forms')[0];
    expect(isPodReady(healthy)).toBe(true);
    expect(restartsOf(healthy)).toBe(0);
    expect(healthy.metadata.annotations?.[ANNOTATION_CONFIG_REVISION]).toBe('rev-2');
  });

  it('OOM-kills billing-sync under a 256Mi limit but not under 512Mi', () => {
    const tight = manualCluster('oom');
    tight.simulator.applyDesiredState([app('billing-sync', [{ name: 'worker', replicas: 1, resources: { limits: { memory: '256Mi' } } }])]);
    expect(tight.clock.advanceUntil(() => tight.pods('billing-sync').some((p) => p.status.containerStatuses?.[0]?.lastState.terminated?.reason === 'OOMKilled'), { maxMs: 10 * MINUTE, stepMs: 1000 })).toBe(true);
    const terminated = tight.pods('billing-sync')[0].status.containerStatuses![0].lastState.terminated!;
    expect(terminated.exitCode).toBe(137);
    const oom = (tight.store.list('events', 'default') as KubeEvent[]).find((e) => e.reason === 'OOMKilling');
    expect(oom).toMatchObject({ type: 'Warning', involvedObject: { kind: 'Node' }, source: { component: 'kernel-monitor' } });
    expect(oom!.message).toMatch(/^Memory cgroup out of memory: Killed process \d+ \(python\)/);

    const roomy = manualCluster('oom');
    roomy.simulator.applyDesiredState([app('billing-sync', [{ name: 'worker', replicas: 1, resources: { limits: { memory: '512Mi' } } }])]);
    roomy.clock.advance(10 * MINUTE);
    expect(roomy.pods('billing-sync').map(restartsOf)).toEqual([0]);
    const lines = roomy.logs.allInstances()[0].lines;
    expect(JSON.parse(lines[0].text)).toMatchObject({ severity: 'INFO' });
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that does not exist', () => {
    const c = manualCluster('pull');
    const image = 'us-docker.pkg.dev/meridian-care-artifacts/apps/care-admin:does-not-exist';
    c.simulator.applyDesiredState([app('care-admin', [{ name: 'web', replicas: 1, image }])]);
    const reasons = new Set<string>();
    c.store.subscribe((change) => {
      const reason = (change.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.reason;
      if (change.resource === 'pods' && reason) reasons.add(reason);
    });
    expect(c.clock.advanceUntil(() => reasons.has('ImagePullBackOff'), { maxMs: MINUTE })).toBe(true);
    expect(reasons.has('ErrImagePull')).toBe(true);
    const pod = c.pods('care-admin')[0];
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses![0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` });
    const failed = (c.store.list('events', 'care-admin') as KubeEvent[]).find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'));
    expect(failed?.message).toContain('rpc error: code = NotFound desc = failed to pull and unpack image');
    expect(() => resolveContainerId(pod, 'web', false)).toThrowError(`container "web" in pod "${pod.metadata.name}" is waiting to start: trying and failing to pull image`);
    try {
      resolveContainerId(pod, 'web', true);
    } catch (error) {
      expect((error as ApiError).message).toBe(`previous terminated container "web" in pod "${pod.metadata.name}" not found`);
    }
  });
});

describe('simulator: rolling updates', () => {
  function readyPods(c: ReturnType<typeof manualCluster>, ns: string): number {
    return c.pods(ns).filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
  }

  it('rolls 2 → 3 replicas with a new template without dropping below what was available (maxUnavailable 0)', () => {
    const c = manualCluster('rolling');
    const v1 = app('scheduling-api', [{ name: 'api', replicas: 2, port: 8080, readinessPath: '/healthz', maxSurge: 1, maxUnavailable: 0 }]);
    c.simulator.applyDesiredState([v1]);
    expect(c.clock.advanceUntil(() => readyPods(c, 'scheduling-api') === 2, { maxMs: MINUTE })).toBe(true);
    const oldHash = c.pods('scheduling-api')[0].metadata.labels![LABEL_POD_TEMPLATE_HASH];

    let minReady = Infinity;
    let maxPods = 0;
    const unsubscribe = c.store.subscribe((change) => {
      if (change.resource !== 'pods') return;
      minReady = Math.min(minReady, readyPods(c, 'scheduling-api'));
      maxPods = Math.max(maxPods, c.pods('scheduling-api').filter((p) => !p.metadata.deletionTimestamp).length);
    });
    c.simulator.applyDesiredState([{ ...v1, revision: 'rev-2', deployments: [{ ...v1.deployments[0], replicas: 3, image: v1.deployments[0].image.replace('1.0.0', '1.1.0') }] }]);
    const done = () => {
      const d = c.store.get('deployments', 'scheduling-api', 'scheduling-api-api') as Deployment;
      return d.status.updatedReplicas === 3 && d.status.availableReplicas === 3 && d.status.replicas === 3 && c.pods('scheduling-api').length === 3;
    };
    expect(c.clock.advanceUntil(done, { maxMs: 3 * MINUTE })).toBe(true);
    unsubscribe();

    expect(minReady).toBeGreaterThanOrEqual(2);
    expect(maxPods).toBeLessThanOrEqual(4);
    const d = c.store.get('deployments', 'scheduling-api', 'scheduling-api-api') as Deployment;
    expect(d.metadata.annotations?.[ANNOTATION_REVISION]).toBe('2');
    expect(d.metadata.generation).toBe(2);
    expect(d.status.observedGeneration).toBe(2);
    expect(d.status.conditions?.find((x) => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const sets = c.store.list('replicasets', 'scheduling-api') as ReplicaSet[];
    expect(sets).toHaveLength(2);
    const old = sets.find((rs) => rs.metadata.labels![LABEL_POD_TEMPLATE_HASH] === oldHash)!;
    expect(old.spec.replicas).toBe(0);
    expect(old.metadata.annotations?.[ANNOTATION_REVISION]).toBe('1');
    expect(c.pods('scheduling-api').every((p) => p.metadata.labels![LABEL_POD_TEMPLATE_HASH] !== oldHash)).toBe(true);
    const scaling = (c.store.list('events', 'scheduling-api') as KubeEvent[]).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling).toEqual(expect.arrayContaining([expect.stringMatching(/^Scaled up replica set scheduling-api-api-\S+ from 0 to 2$/), `Scaled down replica set ${old.metadata.name} from 2 to 1`]));

    // Rolling back to the first values reuses the first ReplicaSet as revision 3.
    c.simulator.applyDesiredState([v1]);
    expect(
      c.clock.advanceUntil(() => {
        const rs = c.store.get('replicasets', 'scheduling-api', old.metadata.name) as ReplicaSet;
        return rs.spec.replicas === 2 && rs.status.availableReplicas === 2 && c.pods('scheduling-api').length === 2;
      }, { maxMs: 3 * MINUTE }),
    ).toBe(true);
    const rolledBack = c.store.get('replicasets', 'scheduling-api', old.metadata.name) as ReplicaSet;
    expect(rolledBack.metadata.annotations?.[ANNOTATION_REVISION]).toBe('3');
    expect((c.store.get('deployments', 'scheduling-api', 'scheduling-api-api') as Deployment).metadata.annotations?.[ANNOTATION_REVISION]).toBe('3');
  });

  it('keeps availability at replicas − maxUnavailable during a rollout (4 replicas, maxUnavailable 1, maxSurge 0)', () => {
    const c = manualCluster('rolling-2');
    const v1 = app('patient-portal', [{ name: 'web', replicas: 4, port: 3000, readinessPath: '/up', maxSurge: 0, maxUnavailable: 1 }], { pdb: { minAvailable: 2 } });
    c.simulator.applyDesiredState([v1]);
    expect(c.clock.advanceUntil(() => readyPods(c, 'patient-portal') === 4, { maxMs: MINUTE })).toBe(true);
    let minReady = Infinity;
    let maxPods = 0;
    c.store.subscribe((change) => {
      if (change.resource !== 'pods') return;
      minReady = Math.min(minReady, readyPods(c, 'patient-portal'));
      maxPods = Math.max(maxPods, c.pods('patient-portal').filter((p) => !p.metadata.deletionTimestamp).length);
    });
    c.simulator.applyDesiredState([{ ...v1, revision: 'rev-2' }]);
    expect(
      c.clock.advanceUntil(() => {
        const d = c.store.get('deployments', 'patient-portal', 'patient-portal-web') as Deployment;
        return !!d.status.conditions?.some((x) => x.type === 'Progressing' && x.reason === 'NewReplicaSetAvailable') && c.pods('patient-portal').length === 4;
      }, { maxMs: 3 * MINUTE }),
    ).toBe(true);
    expect(minReady).toBe(3);
    expect(maxPods).toBeLessThanOrEqual(4);
    expect(c.pods('patient-portal').every((p) => p.metadata.annotations?.[ANNOTATION_CONFIG_REVISION] === 'rev-2')).toBe(true);
    const pdb = c.store.get('poddisruptionbudgets', 'patient-portal', 'patient-portal') as PodDisruptionBudget;
    expect(pdb.status).toMatchObject({ currentHealthy: 4, desiredHealthy: 2, disruptionsAllowed: 2, expectedPods: 4 });
  });

  it('replaces a deleted pod and removes the pods of an app that is no longer desired', () => {
    const c = manualCluster('delete');
    c.simulator.applyDesiredState([app('care-admin', [{ name: 'web', replicas: 1 }])]);
    expect(c.clock.advanceUntil(() => c.pods('care-admin').some(isPodReady), { maxMs: MINUTE })).toBe(true);
    const first = c.pods('care-admin')[0].metadata.name;
    expect(c.simulator.mutatePod('care-admin', first, { type: 'delete' })).toBe(true);
    expect(c.pods('care-admin').find((p) => p.metadata.name === first)?.metadata.deletionTimestamp).toBeTruthy();
    expect(c.clock.advanceUntil(() => !c.pods('care-admin').some((p) => p.metadata.name === first) && c.pods('care-admin').some(isPodReady), { maxMs: MINUTE })).toBe(true);
    const killing = (c.store.list('events', 'care-admin') as KubeEvent[]).find((e) => e.reason === 'Killing');
    expect(killing?.message).toBe('Stopping container web');

    c.simulator.applyDesiredState([]);
    expect(c.clock.advanceUntil(() => c.pods('care-admin').length === 0, { maxMs: MINUTE })).toBe(true);
    expect(c.store.list('deployments', 'care-admin')).toHaveLength(0);
    expect(c.store.list('replicasets', 'care-admin')).toHaveLength(0);
    expect(c.store.get('namespaces', undefined, 'care-admin')).toBeDefined();
  });

  it('restarts a container on demand (mutatePod / tick) with lastState and previous logs', () => {
    const c = manualCluster('mutate');
    c.simulator.applyDesiredState([app('notification-dispatcher', [{ name: 'consumer', replicas: 1 }])]);
    expect(c.clock.advanceUntil(() => c.pods('notification-dispatcher').some(isPodReady), { maxMs: MINUTE })).toBe(true);
    const name = c.pods('notification-dispatcher')[0].metadata.name;
    expect(c.simulator.mutatePod('notification-dispatcher', name, { type: 'crash', exitCode: 2, lines: ['fatal: lost connection to Pub/Sub'] })).toBe(true);
    expect(c.clock.advanceUntil(() => restartsOf(c.pods('notification-dispatcher')[0]) === 1 && isPodReady(c.pods('notification-dispatcher')[0]), { maxMs: MINUTE })).toBe(true);
    const pod = c.pods('notification-dispatcher')[0];
    expect(pod.status.containerStatuses![0].lastState.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(c.logs.get(resolveContainerId(pod, 'consumer', true))!.lines.at(-1)!.text).toBe('fatal: lost connection to Pub/Sub');
    expect(c.simulator.tick()).toMatchObject({ namespace: 'notification-dispatcher', pod: name });
  });
});

describe('simulator: determinism', () => {
  function snapshot(seed: string): string {
    const c = manualCluster(seed);
    c.simulator.applyDesiredState([
      app('intake-forms', [{ name: 'web', replicas: 2, port: 8080, readinessPath: '/healthz' }]),
      app('billing-sync', [{ name: 'worker', replicas: 1, resources: { limits: { memory: '256Mi' } } }]),
    ]);
    c.clock.advance(3 * MINUTE);
    const pods = ['intake-forms', 'billing-sync'].flatMap((ns) => c.pods(ns));
    const logs = c.logs.allInstances().map((i) => i.lines.map((l) => `${l.time}.${l.nanos} ${l.text}`).join('\n'));
    return JSON.stringify({ pods, logs, events: c.store.list('events') });
  }

  it('produces the same cluster for the same seed and a different one for another seed', () => {
    const a = snapshot('seed-a');
    expect(snapshot('seed-a')).toBe(a);
    expect(snapshot('seed-b')).not.toBe(a);
  });
});
