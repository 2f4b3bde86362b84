// End to end inside one process: the sample config repository, the sandbox (Kubernetes API server,
// Cloud Logging, the deployer) and Berth's real informers — a values commit becomes pods, and the
// status says so.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthDb } from '@/lib/db/create-db';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { parseConfig } from '@/lib/config/get-config';
import { commitChange } from '@/lib/gitops/commit-change';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { type SandboxWorld, startSandboxWorld } from '@/lib/testing/sandbox-world';
import type { Sandbox } from '@/sandbox/deployer/start-sandbox';
import { waitFor } from '@/sandbox/kube-api/test-helpers';
import type { AppStatus } from './app-status';
import { checkClusters } from './check-clusters';
import { getAppStatus, type StatusDeps } from './get-app-status';
import { getAppTimeline } from './get-app-timeline';
import { getStatusSummary } from './get-status-summary';
import { statusEventStream } from './status-event-stream';
import { createKubeRuntime, type KubeRuntime, loadClusterTargets } from './kube-runtime';
import { subscribe } from './subscribe-app-status';
import type { BerthUser } from '@/lib/auth/user';

let world: SandboxWorld;
let sample: SandboxWorld['sample'];
let sandbox: Sandbox;
let runtime: KubeRuntime;
let deps: StatusDeps;
/** Anyone signed in may see an app's status: a viewer outside every team. */
const viewer: BerthUser = { email: 'someone@meridiancare.example', name: 'Someone', role: 'viewer', team: null };
let dataDir: string;
let db: BerthDb;
const deployLog: string[] = [];

async function status(app: string, env: 'stage' | 'production'): Promise<AppStatus> {
  const result = await getAppStatus(viewer, app, env, deps);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const web = (s: AppStatus) => s.deployments.find((d) => d.component === 'web');

beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'status-it', log: (line) => deployLog.push(line) });
  ({ sample, sandbox, runtime, db, dataDir } = world);
  deps = { runtime, repo: sample.repo };
});

afterAll(() => world?.close());

describe('the app status, from the sandbox through the informers', () => {
  it('turns a values commit of replicas 2 → 3 into 3 ready pods in stage, and shows the new revision live', async () => {
    const before = await waitFor(
      async () => {
        const s = await status('patient-portal', 'stage');
        return s.health.verdict === 'healthy' && s.change.state === 'live' && web(s)?.ready === 2 ? s : undefined;
      },
      { what: 'patient-portal healthy in stage', timeoutMs: 20_000 },
    );
    expect(before.cluster).toMatchObject({ name: 'gke-stage', context: 'stage', reachability: 'reachable', sandbox: true });
    expect(before.pods.filter((p) => p.component === 'web')).toHaveLength(2);
    const productionBefore = await waitFor(async () => {
      const s = await status('patient-portal', 'production');
      return s.change.state === 'live' ? s : undefined;
    });

    const seen: AppStatus[] = [];
    const unsubscribe = subscribe('patient-portal', 'stage', (s) => seen.push(s), { ...deps, coalesceMs: 50 });
    await waitFor(() => seen.length > 0, { what: 'the first status of the subscription' });

    const head = await headRevision(sample.repo);
    const file = 'apps/patient-portal/values-stage.yaml';
    const text = `${await readFile(sample.repo, file, head)}\ndeployments:\n  web:\n    replicas: 3\n`;
    const commit = await commitChange(sample.repo, {
      files: [{ path: file, text }],
      baseRevision: head,
      author: { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' },
      message: 'Scale the patient-portal web to 3 pods in stage',
    });
    expect(commit.status).toBe('committed');
    const revision = commit.status === 'committed' ? commit.revision : '';

    // Committed, not deployed yet: behind by one commit.
    const behind = await status('patient-portal', 'stage');
    expect(behind.change).toMatchObject({ state: 'behind', behindBy: 1, latest: { revision, author: 'Ana Souza', subject: 'Scale the patient-portal web to 3 pods in stage' } });

    await sandbox.deployer.syncNow();
    expect(deployLog.some((line) => line.includes(`stage: deploy patient-portal at ${revision.slice(0, 7)} (web×3, worker×1)`))).toBe(true);

    const after = await waitFor(
      async () => {
        const s = await status('patient-portal', 'stage');
        return web(s)?.ready === 3 && web(s)?.available === 3 && s.change.state === 'live' ? s : undefined;
      },
      { what: '3 ready web pods running the new revision', timeoutMs: 20_000 },
    );
    expect(web(after)).toMatchObject({ desired: 3, updated: 3, configRevision: revision, rollout: { state: 'complete' } });
    expect(after.change.latest?.revision).toBe(revision);
    expect(after.change.message).toMatch(new RegExp(`^Live: ${revision.slice(0, 7)} “Scale the patient-portal web to 3 pods in stage” by Ana Souza`));
    expect(after.pods.filter((p) => p.component === 'web' && p.status === 'Running' && p.configRevision === revision)).toHaveLength(3);

    // The subscription followed along, and ends with what the page should show.
    await waitFor(() => {
      const last = seen.at(-1);
      return last && web(last)?.ready === 3 && last.change.state === 'live';
    }, { what: 'the stream to deliver the new status' });
    expect(seen.some((s) => s.change.state === 'behind' || s.change.state === 'rolling-out')).toBe(true);
    unsubscribe();
    expect(runtime.hubs.size).toBe(0);

    // A stage file does not touch production: it still runs the commit it ran, and that is live.
    const productionAfter = await status('patient-portal', 'production');
    expect(productionAfter.change).toMatchObject({ state: 'live', running: productionBefore.change.running });
  });

  it('shows intake-forms crash-looping in stage with its explanation, and healthy in production', async () => {
    const stage = await waitFor(
      async () => {
        const s = await status('intake-forms', 'stage');
        return s.health.verdict === 'down' && s.pods.some((p) => p.restarts >= 1) ? s : undefined;
      },
      { what: 'intake-forms down in stage', timeoutMs: 20_000 },
    );
    expect(stage.health.title).toMatch(/CrashLoopBackOff/);
    expect(stage.health.aptible).toMatch(/Aptible/);
    expect(stage.health.guide?.href).toBe('/guides/debugging-a-broken-deploy#crashloopbackoff');
    expect(stage.problems[0]).toMatchObject({ kind: 'CrashLoopBackOff', component: 'web' });
    const crashed = stage.pods.find((p) => p.lastRestartAt);
    expect(crashed?.containers[0].lastTermination).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(stage.warnings.some((w) => w.reason === 'BackOff')).toBe(true);

    const production = await waitFor(async () => {
      const s = await status('intake-forms', 'production');
      return s.health.verdict === 'healthy' ? s : undefined;
    }, { what: 'intake-forms healthy in production', timeoutMs: 20_000 });
    expect(production.cluster.name).toBe('gke-production');
  });

  it('keeps an app running when its new values do not validate, and says they will not deploy (not "CI/CD deploys it within minutes")', async () => {
    await waitFor(async () => (await status('scheduler', 'stage')).health.verdict === 'healthy', { what: 'scheduler healthy', timeoutMs: 20_000 });
    const head = await headRevision(sample.repo);
    const file = 'apps/scheduler/values-stage.yaml';
    const commit = await commitChange(sample.repo, {
      files: [{ path: file, text: `${await readFile(sample.repo, file, head)}\ndeployments:\n  api:\n    replicas: many\n` }],
      baseRevision: head,
      author: { name: 'Dmitri Volkov', email: 'dmitri.volkov@meridiancare.example' },
      message: 'Scale the scheduler api',
    });
    expect(commit.status).toBe('committed');
    await sandbox.deployer.syncNow();
    expect(deployLog.some((line) => /stage: skipped scheduler at [0-9a-f]{7}: its values do not validate/.test(line))).toBe(true);
    const s = await status('scheduler', 'stage');
    expect(s.health.verdict).toBe('healthy');
    expect(s.change).toMatchObject({ state: 'not-deploying', behindBy: 1, undeployable: { file } });
    expect(s.change.message).toMatch(/^Will not deploy: the newest values \([0-9a-f]{7} “Scale the scheduler api” by Dmitri Volkov\) fail validation — apps\/scheduler\/values-stage.yaml:\d+: .*CI\/CD skips them, so stage keeps running [0-9a-f]{7}\./);
    expect(s.change.message).not.toMatch(/within minutes/);
  });

  it('reports each cluster for readiness, and one verdict per app and environment for the apps list', async () => {
    const clusters = await checkClusters({ runtime });
    expect(clusters.map((c) => [c.environment, c.context, c.reachability])).toEqual([
      ['stage', 'stage', 'reachable'],
      ['production', 'production', 'reachable'],
    ]);
    expect(clusters[0].lastSyncAt).toMatch(/^\d{4}-/);

    const summary = await getStatusSummary(viewer, deps);
    const verdict = (app: string, env: string) => summary.entries.find((e) => e.app === app && e.environment === env)?.verdict;
    expect(verdict('intake-forms', 'stage')).toBe('down');
    expect(verdict('patient-portal', 'stage')).toBe('healthy');
    expect(summary.entries).toHaveLength(16);
    expect((await getStatusSummary(null, deps)).entries).toEqual([]);
  });

  it('streams the full status per environment first as Server-Sent Events, with a retry hint and heartbeats, and lets go when the client leaves', async () => {
    const client = new AbortController();
    const stream = statusEventStream({ app: 'patient-portal', environments: ['stage', 'production'], signal: client.signal, heartbeatMs: 100, retryMs: 2000, ...deps });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    await waitFor(async () => {
      const { value } = await reader.read();
      text += decoder.decode(value);
      const events = text.split('\n\n').filter((block) => block.includes('event: status'));
      return events.length >= 2 && text.includes(': heartbeat');
    }, { what: 'both statuses and a heartbeat' });
    expect(text.startsWith('retry: 2000\n')).toBe(true);
    const statuses = text
      .split('\n\n')
      .filter((block) => block.includes('event: status'))
      .map((block) => JSON.parse(block.split('\n').find((line) => line.startsWith('data: '))!.slice(6)) as AppStatus);
    expect(new Set(statuses.map((s) => s.environment))).toEqual(new Set(['stage', 'production']));
    expect(runtime.hubs.size).toBe(2);
    client.abort();
    await waitFor(() => runtime.hubs.size === 0, { what: 'the subscriptions to end with the client' });
    expect((await reader.read()).done).toBe(true);
  });

  it('refuses an app or environment the catalog does not have', async () => {
    expect(await getAppStatus(viewer, 'no-such-app', 'stage', deps)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await getAppStatus(viewer, 'berth', 'stage', deps)).toMatchObject({ ok: true });
    expect(await getAppStatus(viewer, '../etc', 'stage', deps)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await getAppStatus(null, 'berth', 'stage', deps)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("puts an app's commits, rollouts and restarts in one timeline, and keeps the commits when the cluster is gone", async () => {
    const catalog = await loadCatalog(sample.repo);
    const intake = catalog.apps.find((a) => a.name === 'intake-forms')!;
    const timeline = await waitFor(async () => {
      const t = await getAppTimeline({ app: intake, environment: 'stage', since: Date.now() - 24 * 3600_000 }, { ...deps, db, catalog });
      return t.entries.some((e) => e.kind === 'restart') ? t : undefined;
    }, { what: 'a restart of intake-forms in its stage timeline', timeoutMs: 20_000 });
    expect(timeline.cluster.reachability).toBe('reachable');
    expect(timeline.entries.find((e) => e.kind === 'restart')).toMatchObject({ container: 'web', reason: 'Error', exitCode: 1 });
    expect(timeline.entries.find((e) => e.kind === 'rollout')).toMatchObject({ component: 'web', configRevision: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(timeline.entries.at(-1)).toMatchObject({ kind: 'commit' });
    expect(timeline.entries.map((e) => Date.parse(e.time))).toEqual(timeline.entries.map((e) => Date.parse(e.time)).sort((a, b) => b - a));

    // No cluster at all: the commits are still there, and the cluster's state says why the rest is not.
    const noKubeconfig = parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: dataDir, KUBECONFIG: path.join(dataDir, 'no-such-kubeconfig'), BERTH_SANDBOX: '1' }, dataDir);
    const offline = createKubeRuntime(loadClusterTargets(noKubeconfig), { initialBackoffMs: 50, maxBackoffMs: 250, probeIntervalMs: 0 });
    try {
      const without = await getAppTimeline({ app: intake, environment: 'stage', since: Date.now() - 24 * 3600_000 }, { runtime: offline, repo: sample.repo, db, catalog });
      expect(without.cluster.reachability).toBe('not-configured');
      expect(without.entries.length).toBeGreaterThan(0);
      expect(without.entries.every((e) => e.kind === 'commit')).toBe(true);
    } finally {
      await offline.close();
    }
  });
});

