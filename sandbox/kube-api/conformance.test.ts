// The sandbox API over the wire, spoken to by @kubernetes/client-node exactly as lib/kube will.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { AppsV1Api, CoreV1Api, KubeConfig, Log, makeInformer, PolicyV1Api, Watch, type ListWatch, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApps } from './demo-apps';
import type { Pod } from './kube-types';
import { startKubeApiServer, type KubeApiServer } from './server';
import { isPodReady } from './simulator';
import { restartsOf, waitFor } from './test-helpers';

let server: KubeApiServer;
let dir: string;
let kc: KubeConfig;
let core: CoreV1Api;

function stagePods(namespace: string): Pod[] {
  return server.store('stage').list('pods', namespace) as Pod[];
}

async function raw(path: string, init: RequestInit = {}, cluster = 'stage'): Promise<{ status: number; body: Record<string, unknown>; text: string; contentType: string | null }> {
  const response = await fetch(server.clusterUrl(cluster) + path, init);
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (logs)
  }
  return { status: response.status, body, text, contentType: response.headers.get('content-type') };
}

async function readLog(namespace: string, pod: string, container: string, options: Record<string, unknown>): Promise<string> {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ended = new Promise<void>((resolve) => stream.on('end', resolve));
  await new Log(kc).log(namespace, pod, container, stream, options);
  await ended;
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kube-api-'));
  server = await startKubeApiServer({ clusters: ['stage', 'production'], seed: 'conformance', timeScale: 50, bookmarkIntervalMs: 150, istioSidecarClusters: ['production'] });
  for (const cluster of server.clusters) server.applyDesiredState(cluster, demoApps(cluster));
  await server.writeKubeconfig(join(dir, 'kubeconfig'));
  kc = new KubeConfig();
  kc.loadFromFile(join(dir, 'kubeconfig'));
  core = kc.makeApiClient(CoreV1Api);
  await waitFor(() => stagePods('scheduling-api').filter(isPodReady).length === 2 && stagePods('intake-forms').some((p) => restartsOf(p) >= 2), { what: 'demo apps to settle', timeoutMs: 15_000 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('discovery and errors', () => {
  it('serves version, API groups and resource lists; openapi is a 404 Status', async () => {
    expect(kc.getCurrentContext()).toBe('stage');
    expect(kc.getCurrentCluster()?.server).toBe(`${server.url}/clusters/stage`);
    const version = await raw('/version');
    expect(version.body).toMatchObject({ major: '1', minor: '32' });
    const v1 = await raw('/api/v1');
    expect((v1.body.resources as { name: string }[]).map((r) => r.name)).toEqual(expect.arrayContaining(['pods', 'pods/log', 'namespaces', 'events']));
    const groups = await raw('/apis');
    expect((groups.body.groups as { name: string }[]).map((g) => g.name)).toEqual(['apps', 'policy']);
    const apps = await raw('/apis/apps/v1');
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    const openapi = await raw('/openapi/v2');
    expect(openapi.status).toBe(404);
    expect(openapi.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404 });
    const unknown = await raw('/api/v1/widgets');
    expect(unknown.body).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });

  it('answers a missing object with a NotFound Status and a missing namespace with an empty list', async () => {
    await expect(core.readNamespacedPod({ namespace: 'intake-forms', name: 'nope' })).rejects.toMatchObject({ code: 404 });
    const missing = await raw('/api/v1/namespaces/intake-forms/pods/nope');
    expect(missing.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 });
    const deploy = await raw('/apis/apps/v1/namespaces/x/deployments/y');
    expect(deploy.body).toMatchObject({ message: 'deployments.apps "y" not found', details: { group: 'apps', kind: 'deployments' } });
    await expect(core.readNamespace({ name: 'no-such-namespace' })).rejects.toMatchObject({ code: 404 });
    const empty = await core.listNamespacedPod({ namespace: 'no-such-namespace' });
    expect(empty.items).toEqual([]);
    expect(Number(empty.metadata?.resourceVersion)).toBeGreaterThan(1000);
  });
});

describe('list and get', () => {
  it('lists pods per namespace and across namespaces with label and field selectors', async () => {
    const web = await core.listNamespacedPod({ namespace: 'patient-portal', labelSelector: 'app.kubernetes.io/instance=patient-portal,app.kubernetes.io/component=web' });
    expect(web.items.length).toBe(2);
    expect(web.items.every((p) => p.metadata?.labels?.['app.kubernetes.io/component'] === 'web')).toBe(true);
    const notWeb = await core.listPodForAllNamespaces({ labelSelector: 'app.kubernetes.io/instance in (patient-portal,scheduling-api),app.kubernetes.io/component notin (web)' });
    expect(new Set(notWeb.items.map((p) => p.metadata?.labels?.['app.kubernetes.io/component']))).toEqual(new Set(['worker', 'api']));
    const exists = await core.listPodForAllNamespaces({ labelSelector: '!app.kubernetes.io/instance' });
    expect(exists.items).toEqual([]);
    const running = await core.listPodForAllNamespaces({ fieldSelector: 'status.phase=Running,metadata.namespace=scheduling-api' });
    expect(running.items.length).toBe(2);
    const one = running.items[0];
    const byName = await core.listNamespacedPod({ namespace: 'scheduling-api', fieldSelector: `metadata.name=${one.metadata!.name}` });
    expect(byName.items.map((p) => p.metadata?.name)).toEqual([one.metadata!.name]);
    const onNode = await core.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${one.spec!.nodeName}` });
    expect(onNode.items.every((p) => p.spec?.nodeName === one.spec!.nodeName)).toBe(true);
    const pod = await core.readNamespacedPod({ namespace: 'scheduling-api', name: one.metadata!.name! });
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'api', ready: true, restartCount: 0 });
    expect(pod.metadata?.creationTimestamp).toBeInstanceOf(Date);
    await expect(core.listNamespacedPod({ namespace: 'scheduling-api', fieldSelector: 'spec.color=blue' })).rejects.toMatchObject({ code: 400 });
  });

  it('serves Deployments, ReplicaSets, PodDisruptionBudgets, Events and Namespaces with real status shapes', async () => {
    const appsApi = kc.makeApiClient(AppsV1Api);
    const deployments = await appsApi.listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/managed-by=Helm' });
    expect(deployments.items.map((d) => d.metadata?.name)).toEqual(expect.arrayContaining(['scheduling-api-api', 'intake-forms-web', 'patient-portal-worker']));
    const api = await appsApi.readNamespacedDeployment({ namespace: 'scheduling-api', name: 'scheduling-api-api' });
    expect(api.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(api.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(api.status?.conditions?.map((c) => c.reason)).toEqual(['MinimumReplicasAvailable', 'NewReplicaSetAvailable']);
    expect(api.spec?.template.metadata?.annotations?.['berth.dev/config-revision']).toMatch(/^[0-9a-f]{40}$/);
    const sets = await appsApi.listNamespacedReplicaSet({ namespace: 'scheduling-api' });
    expect(sets.items[0].metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'scheduling-api-api', controller: true });
    const pdbs = await kc.makeApiClient(PolicyV1Api).listPodDisruptionBudgetForAllNamespaces();
    const pdb = pdbs.items.find((p) => p.metadata?.name === 'scheduling-api');
    expect(pdb?.status).toMatchObject({ currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2 });
    const events = await core.listNamespacedEvent({ namespace: 'intake-forms', fieldSelector: 'reason=BackOff' });
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items[0]).toMatchObject({ type: 'Warning', involvedObject: { kind: 'Pod', fieldPath: 'spec.containers{web}' }, source: { component: 'kubelet' } });
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(expect.arrayContaining(['default', 'kube-system', 'intake-forms', 'billing-sync']));
  });

  it('pages with limit and continue over a consistent snapshot', async () => {
    const all = await raw('/api/v1/pods');
    const names = (all.body.items as V1Pod[]).map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await raw(`/api/v1/pods?limit=3${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
      seen.push(...(page.body.items as V1Pod[]).map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`));
      token = (page.body.metadata as { continue?: string }).continue;
    } while (token);
    expect(seen.filter((n) => names.includes(n)).length).toBeGreaterThanOrEqual(names.length - 3);
    expect(seen).toEqual([...seen].sort());
  });

  it('returns a meta.k8s.io Table with kubectl\'s columns when asked for one', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const pods = await raw('/api/v1/namespaces/intake-forms/pods', { headers: { accept } });
    expect(pods.body.kind).toBe('Table');
    const columns = (pods.body.columnDefinitions as { name: string; priority: number }[]).filter((c) => c.priority === 0).map((c) => c.name);
    expect(columns).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    const rows = pods.body.rows as { cells: string[]; object: { kind: string } }[];
    expect(rows[0].object.kind).toBe('PartialObjectMetadata');
    expect(rows[0].cells[1]).toBe('0/1');
    expect(rows.some((r) => ['CrashLoopBackOff', 'Error', 'Running'].includes(r.cells[2]))).toBe(true);
    const deployments = await raw('/apis/apps/v1/deployments?includeObject=Object', { headers: { accept } });
    expect((deployments.body.columnDefinitions as { name: string; priority: number }[]).filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect((deployments.body.rows as { object: { kind: string } }[])[0].object.kind).toBe('Deployment');
    const pdb = await raw('/apis/policy/v1/namespaces/intake-forms/poddisruptionbudgets', { headers: { accept } });
    expect((pdb.body.rows as { cells: unknown[] }[])[0].cells.slice(0, 3)).toEqual(['intake-forms', '1', 'N/A']);
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED, DELETED and BOOKMARK events after a resourceVersion', async () => {
    const list = await core.listNamespacedPod({ namespace: 'care-admin' });
    const events: { type: string; name?: string; rv?: string }[] = [];
    let doneError: unknown = 'not done';
    const controller = await new Watch(kc).watch(
      '/api/v1/namespaces/care-admin/pods',
      { resourceVersion: list.metadata!.resourceVersion, allowWatchBookmarks: true },
      (type: string, object: V1Pod) => events.push({ type, name: object.metadata?.name, rv: object.metadata?.resourceVersion }),
      (err: unknown) => (doneError = err),
    );
    const victim = list.items[0].metadata!.name!;
    await core.deleteNamespacedPod({ namespace: 'care-admin', name: victim });
    await waitFor(() => events.some((e) => e.type === 'DELETED' && e.name === victim) && events.some((e) => e.type === 'ADDED' && e.name !== victim) && events.some((e) => e.type === 'BOOKMARK'), { what: 'watch events' });
    expect(events.find((e) => e.type === 'MODIFIED')?.name).toBe(victim);
    const versions = events.filter((e) => e.type !== 'BOOKMARK').map((e) => Number(e.rv));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBeGreaterThan(Number(list.metadata!.resourceVersion));
    controller.abort();
    await waitFor(() => doneError !== 'not done', { what: 'watch done' });
  });

  it('sends the current objects as ADDED when no resourceVersion is given', async () => {
    const events: string[] = [];
    const controller = await new Watch(kc).watch('/apis/apps/v1/namespaces/scheduling-api/deployments', {}, (type: string) => events.push(type), () => {});
    await waitFor(() => events.length >= 1, { what: 'initial ADDED' });
    expect(events[0]).toBe('ADDED');
    controller.abort();
  });

  it('reports a too-old resourceVersion as an ERROR event with a 410 Expired Status, and an exact LIST as 410', async () => {
    const small = await startKubeApiServer({ clusters: ['stage'], seed: 'expired', timeScale: 50, historyLimit: 40 });
    try {
      small.applyDesiredState('stage', demoApps('stage').slice(0, 2));
      await waitFor(() => small.store('stage').oldestResourceVersion > 1001, { what: 'history to roll over' });
      await small.writeKubeconfig(join(dir, 'small.yaml'));
      const smallKc = new KubeConfig();
      smallKc.loadFromFile(join(dir, 'small.yaml'));
      const received: { type: string; object: { code?: number; reason?: string; kind?: string } }[] = [];
      let done = false;
      await new Watch(smallKc).watch('/api/v1/pods', { resourceVersion: '1000', allowWatchBookmarks: true }, (type: string, object: { code?: number; reason?: string }) => received.push({ type, object }), () => (done = true));
      await waitFor(() => done, { what: 'the server to end the expired watch' });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
      const exact = await fetch(`${small.clusterUrl('stage')}/api/v1/pods?resourceVersion=1000&resourceVersionMatch=Exact`);
      expect(exact.status).toBe(410);
      expect(await exact.json()).toMatchObject({ reason: 'Expired', code: 410 });
      const smallCore = smallKc.makeApiClient(CoreV1Api);
      await expect(smallCore.listPodForAllNamespaces({ resourceVersion: '1000', resourceVersionMatch: 'Exact' })).rejects.toMatchObject({ code: 410 });

      // An informer that resumes from a version that has since expired gets the 410 and re-lists.
      // makeInformer returns a ListWatch; its latestResourceVersion() is what it resumes from.
      const informer = makeInformer(smallKc, '/api/v1/pods', () => smallCore.listPodForAllNamespaces()) as unknown as ListWatch<V1Pod>;
      const inSync = () =>
        JSON.stringify(informer.list().map((p) => p.metadata!.resourceVersion).sort()) ===
        JSON.stringify(small.store('stage').list('pods').map((p) => p.metadata.resourceVersion).sort());
      await informer.start();
      await waitFor(inSync, { what: 'informer sync' });
      await informer.stop();
      const resumeFrom = Number(informer.latestResourceVersion());
      const churn = small.simulator('stage').startChurn(50);
      await waitFor(() => small.store('stage').oldestResourceVersion > resumeFrom + 1, { what: 'the informer version to expire' });
      churn();
      await informer.start();
      await waitFor(() => Number(informer.latestResourceVersion()) > resumeFrom && inSync(), { what: 'informer to re-list after 410' });
      await informer.stop();
    } finally {
      await small.close();
    }
  });

  it('honours timeoutSeconds, sendInitialEvents and the deprecated /watch/ paths', async () => {
    const started = Date.now();
    const timed = await raw('/api/v1/namespaces/care-admin/pods?watch=1&timeoutSeconds=1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(timed.text.trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['ADDED']);

    const controller = new AbortController();
    const response = await fetch(`${server.clusterUrl('stage')}/api/v1/watch/namespaces/scheduling-api/pods?sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`, { signal: controller.signal });
    const reader = response.body!.getReader();
    let buffered = '';
    const events: { type: string; object: { metadata: { annotations?: Record<string, string> } } }[] = [];
    while (!events.some((e) => e.type === 'BOOKMARK')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += Buffer.from(value).toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      events.push(...lines.filter(Boolean).map((l) => JSON.parse(l) as (typeof events)[number]));
    }
    controller.abort();
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2].object.metadata.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('keeps a makeInformer cache in sync, including deletions', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces/scheduling-api/pods', () => core.listNamespacedPod({ namespace: 'scheduling-api' }));
    const errors: unknown[] = [];
    informer.on('error', (err: unknown) => errors.push(err));
    await informer.start();
    const inSync = () => {
      const cached = informer.list('scheduling-api').map((p) => `${p.metadata!.name}@${p.metadata!.resourceVersion}`).sort();
      const actual = stagePods('scheduling-api').map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort();
      return JSON.stringify(cached) === JSON.stringify(actual);
    };
    await waitFor(inSync, { what: 'informer initial sync' });
    const victim = stagePods('scheduling-api')[0].metadata.name;
    server.simulator('stage').mutatePod('scheduling-api', victim, { type: 'delete' });
    await waitFor(() => !stagePods('scheduling-api').some((p) => p.metadata.name === victim) && stagePods('scheduling-api').filter(isPodReady).length === 2 && inSync(), { what: 'informer to follow the replacement' });
    expect(informer.get(victim, 'scheduling-api')).toBeUndefined();
    // (stop() aborts the watch request, which client-node reports as an AbortError: check before.)
    expect(errors).toEqual([]);
    await informer.stop();
  });
});

describe('pod logs', () => {
  it('reads logs with tailLines and timestamps', async () => {
    const pod = stagePods('scheduling-api').find(isPodReady)!;
    await waitFor(() => server.logs('stage').allInstances().find((i) => i.pod === pod.metadata.name && i.lines.length >= 6), { what: 'some log lines' });
    const text = await readLog('scheduling-api', pod.metadata.name, 'api', { tailLines: 3, timestamps: true });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const [stamp, ...rest] = line.split(' ');
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/);
      expect(JSON.parse(rest.join(' '))).toHaveProperty('severity');
    }
  });

  it('shows the crashed instance with previous=true, and the real 400s', async () => {
    const pod = stagePods('intake-forms').find((p) => p.status.containerStatuses?.[0]?.lastState.terminated)!;
    const previous = await readLog('intake-forms', pod.metadata.name, 'web', { previous: true });
    expect(previous).toContain('Error: FHIR_BASE_URL is not set');
    const fresh = stagePods('scheduling-api').find((p) => restartsOf(p) === 0)!;
    const noPrevious = await raw(`/api/v1/namespaces/scheduling-api/pods/${fresh.metadata.name}/log?previous=true`);
    expect(noPrevious.status).toBe(400);
    expect(noPrevious.body).toMatchObject({ reason: 'BadRequest', message: `previous terminated container "api" in pod "${fresh.metadata.name}" not found` });
    const production = (server.store('production').list('pods', 'scheduling-api') as Pod[])[0];
    const ambiguous = await raw(`/api/v1/namespaces/scheduling-api/pods/${production.metadata.name}/log`, {}, 'production');
    expect(ambiguous.body).toMatchObject({ code: 400, message: `a container name must be specified for pod ${production.metadata.name}, choose one of: [api istio-proxy]` });
    const missing = await raw('/api/v1/namespaces/scheduling-api/pods/nope/log');
    expect(missing.body).toMatchObject({ code: 404, message: 'pods "nope" not found' });
    await expect(readLog('scheduling-api', 'nope', 'api', {})).rejects.toMatchObject({ code: 404 });
  });

  it('applies limitBytes, sinceSeconds and sinceTime', async () => {
    const pod = stagePods('scheduling-api').find(isPodReady)!.metadata.name;
    const limited = await raw(`/api/v1/namespaces/scheduling-api/pods/${pod}/log?limitBytes=10`);
    expect(limited.text).toHaveLength(10);
    expect(limited.contentType).toBe('text/plain');
    const all = await raw(`/api/v1/namespaces/scheduling-api/pods/${pod}/log?timestamps=true`);
    const stamps = all.text.trimEnd().split('\n').map((l) => Date.parse(l.split(' ')[0]));
    const recent = await raw(`/api/v1/namespaces/scheduling-api/pods/${pod}/log?sinceSeconds=3600`);
    expect(recent.text.length).toBeGreaterThan(0);
    const future = await raw(`/api/v1/namespaces/scheduling-api/pods/${pod}/log?sinceTime=${new Date(stamps.at(-1)! + 60_000).toISOString()}`);
    expect(future.text).toBe('');
    const both = await raw(`/api/v1/namespaces/scheduling-api/pods/${pod}/log?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z`);
    expect(both.status).toBe(422);
  });

  it('follows a container until it stops', async () => {
    const simulator = server.simulator('stage');
    const pod = stagePods('notification-dispatcher').find(isPodReady)!;
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const ended = new Promise<void>((resolve) => stream.on('end', resolve));
    const controller = await new Log(kc).log('notification-dispatcher', pod.metadata.name, 'consumer', stream, { follow: true, tailLines: 1 });
    await waitFor(() => text.split('\n').length > 4, { what: 'followed lines' });
    simulator.mutatePod('notification-dispatcher', pod.metadata.name, { type: 'crash', exitCode: 1, lines: ['fatal: subscription deleted'] });
    await ended;
    expect(text.trimEnd().split('\n').at(-1)).toBe('fatal: subscription deleted');
    controller.abort();
  });
});

describe('several clusters in one server', () => {
  it('serves production under its own prefix with its own state', async () => {
    const production = new KubeConfig();
    production.loadFromFile(join(dir, 'kubeconfig'));
    production.setCurrentContext('production');
    const pods = await production.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'intake-forms' });
    expect(pods.items.length).toBe(2);
    expect(pods.items[0].spec?.nodeName).toMatch(/^gke-production-default-pool-/);
    expect(pods.items[0].spec?.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(pods.items[0].metadata?.annotations?.['kubectl.kubernetes.io/default-container']).toBe('web');
  });
});
