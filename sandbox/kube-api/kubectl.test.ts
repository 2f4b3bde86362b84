// Everyday kubectl against the sandbox: the commands engineers run, with assertions on what they print.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApps } from './demo-apps';
import type { Pod } from './kube-types';
import { startKubeApiServer, type KubeApiServer } from './server';
import { isPodReady } from './simulator';
import { restartsOf, waitFor } from './test-helpers';

const run = promisify(execFile);
let server: KubeApiServer;
let dir: string;

async function kubectl(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args], {
      env: { ...process.env, KUBECONFIG: '', HOME: dir },
      timeout: 40_000,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: typeof e.code === 'number' ? e.code : 1 };
  }
}

function pods(namespace: string): Pod[] {
  return server.store('stage').list('pods', namespace) as Pod[];
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubectl-'));
  server = await startKubeApiServer({ clusters: ['stage', 'production'], seed: 'kubectl', timeScale: 50 });
  for (const cluster of server.clusters) server.applyDesiredState(cluster, demoApps(cluster));
  await server.writeKubeconfig(join(dir, 'kubeconfig'), { contexts: { stage: 'stage', 'gke_meridian-care-prod_us-central1_production': 'production' } });
  await waitFor(() => pods('intake-forms').some((p) => restartsOf(p) >= 2) && pods('scheduling-api').filter(isPodReady).length === 2, { what: 'demo apps to settle', timeoutMs: 15_000 });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the sandbox', () => {
  it('get pods shows the crash loop in stage and healthy pods in production', async () => {
    const stage = await kubectl('--context', 'stage', 'get', 'pods', '-n', 'intake-forms');
    expect(stage.code, stage.stderr).toBe(0);
    const [header, ...rows] = stage.stdout.trimEnd().split('\n');
    expect(header.split(/\s+/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => /^intake-forms-web-\S+\s+0\/1\s+(CrashLoopBackOff|Error|Running)\s+\d+( \(\S+ ago\))?\s+\S+$/.test(r))).toBe(true);
    await waitFor(async () => (await kubectl('get', 'pods', '-n', 'intake-forms')).stdout.includes('CrashLoopBackOff'), { what: 'CrashLoopBackOff in kubectl', timeoutMs: 10_000, intervalMs: 100 });

    const production = await kubectl('--context', 'gke_meridian-care-prod_us-central1_production', 'get', 'pods', '-n', 'intake-forms', '-o', 'wide');
    expect(production.stdout).toMatch(/intake-forms-web-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.64\.\d+\.\d+\s+gke-production-default-pool-/);
  });

  it('get deploy -A lists every app with READY / UP-TO-DATE / AVAILABLE', async () => {
    const result = await kubectl('get', 'deploy', '-A');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(result.stdout).toMatch(/scheduling-api\s+scheduling-api-api\s+2\/2\s+2\s+2\s+\S+/);
    expect(result.stdout).toMatch(/intake-forms\s+intake-forms-web\s+0\/2\s+2\s+0\s+\S+/);
  });

  it('get for other kinds, and for a namespace that does not exist', async () => {
    expect((await kubectl('get', 'rs,pdb', '-n', 'scheduling-api')).stdout).toMatch(/replicaset\.apps\/scheduling-api-api-\S+\s+2\s+2\s+2[\s\S]*poddisruptionbudget\.policy\/scheduling-api\s+N\/A\s+1\s+1/);
    expect((await kubectl('get', 'ns')).stdout).toMatch(/billing-sync\s+Active/);
    const events = await kubectl('get', 'events', '-n', 'intake-forms');
    expect(events.stdout).toMatch(/Warning\s+BackOff\s+pod\/intake-forms-web-\S+\s+Back-off restarting failed container web/);
    const none = await kubectl('get', 'pods', '-n', 'no-such-namespace');
    expect(none.code).toBe(0);
    expect(none.stderr.trim()).toBe('No resources found in no-such-namespace namespace.');
    const missing = await kubectl('get', 'pod', 'nope', '-n', 'intake-forms');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe('Error from server (NotFound): pods "nope" not found');
  });

  it('logs and logs --previous', async () => {
    const pod = pods('scheduling-api').find(isPodReady)!.metadata.name;
    const logs = await kubectl('logs', '-n', 'scheduling-api', pod, '--tail=2');
    expect(logs.code, logs.stderr).toBe(0);
    const lines = logs.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1])).toHaveProperty('severity');

    const crashing = pods('intake-forms').find((p) => p.status.containerStatuses?.[0]?.lastState.terminated)!.metadata.name;
    const previous = await kubectl('logs', '-n', 'intake-forms', crashing, '--previous');
    expect(previous.code, previous.stderr).toBe(0);
    expect(previous.stdout).toContain('Error: FHIR_BASE_URL is not set');
    const noPrevious = await kubectl('logs', '-n', 'scheduling-api', pod, '--previous');
    expect(noPrevious.stderr.trim()).toBe(`Error from server (BadRequest): previous terminated container "api" in pod "${pod}" not found`);
    const byDeployment = await kubectl('logs', '-n', 'scheduling-api', 'deploy/scheduling-api-api', '--tail=1', '--timestamps');
    expect(byDeployment.stdout).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z \{"severity"/);
  });

  it('rollout status waits for a rolling update and reports success', async () => {
    const done = await kubectl('rollout', 'status', 'deployment/scheduling-api-api', '-n', 'scheduling-api', '--timeout=30s');
    expect(done.stdout.trim()).toBe('deployment "scheduling-api-api" successfully rolled out');

    const apps = demoApps('stage').map((a) => (a.app === 'scheduling-api' ? { ...a, revision: 'b'.repeat(40), deployments: a.deployments.map((d) => ({ ...d, replicas: 3, image: d.image.replace('v3.8.1', 'v3.9.0') })) } : a));
    server.applyDesiredState('stage', apps);
    const rollout = await kubectl('rollout', 'status', 'deployment/scheduling-api-api', '-n', 'scheduling-api', '--timeout=30s');
    expect(rollout.code, rollout.stderr).toBe(0);
    expect(rollout.stdout).toMatch(/Waiting for deployment "scheduling-api-api" rollout to finish: \d+ (out of 3 new replicas have been updated|of 3 updated replicas are available|old replicas are pending termination)/);
    expect(rollout.stdout.trimEnd().split('\n').at(-1)).toBe('deployment "scheduling-api-api" successfully rolled out');
    const history = await kubectl('get', 'rs', '-n', 'scheduling-api', '-o', 'custom-columns=NAME:.metadata.name,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision,DESIRED:.spec.replicas', '--sort-by=.metadata.annotations.deployment\\.kubernetes\\.io/revision');
    expect(history.stdout).toMatch(/scheduling-api-api-\S+\s+1\s+0\n.*scheduling-api-api-\S+\s+2\s+3/);
  });

  it('delete pod: the pod terminates and the ReplicaSet replaces it', async () => {
    const victim = pods('care-admin')[0].metadata.name;
    const deleted = await kubectl('delete', 'pod', '-n', 'care-admin', victim);
    expect(deleted.stdout.trim()).toBe(`pod "${victim}" deleted`);
    expect(pods('care-admin').some((p) => p.metadata.name === victim)).toBe(false);
    await waitFor(() => pods('care-admin').filter(isPodReady).length === 1, { what: 'replacement pod' });
  });

  it('describe pod shows state, last state and events', async () => {
    const pod = pods('intake-forms').find((p) => p.status.containerStatuses?.[0]?.lastState.terminated)!.metadata.name;
    const describe = await kubectl('describe', 'pod', '-n', 'intake-forms', pod);
    expect(describe.code, describe.stderr).toBe(0);
    expect(describe.stdout).toMatch(/Last State:\s+Terminated\s+Reason:\s+Error\s+Exit Code:\s+1/);
    expect(describe.stdout).toMatch(/Warning\s+BackOff\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Back-off restarting failed container web/);
  });
});
