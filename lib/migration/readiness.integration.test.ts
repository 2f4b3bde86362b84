// Readiness end to end in one process: the sample config repository, the sandbox (kube API with
// the deployer's pods and their logs), Berth's informers sampled into the status history in SQLite,
// and pod logs read through the Kubernetes API — on an app that passes and on apps that fail.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { parseConfig } from '@/lib/config/get-config';
import type { BerthDb } from '@/lib/db/create-db';
import { commitChange } from '@/lib/gitops/commit-change';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { getStatusSummary } from '@/lib/kube/get-status-summary';
import type { KubeRuntime } from '@/lib/kube/kube-runtime';
import { SAMPLE_EVERY_MS, sampleAppStatuses } from '@/lib/kube/status-history';
import { createLogSource } from '@/lib/logs/get-log-source';
import type { LogSource } from '@/lib/logs/log-source';
import { type SandboxWorld, startSandboxWorld } from '@/lib/testing/sandbox-world';
import { waitFor } from '@/sandbox/kube-api/test-helpers';
import type { ReadinessCheckId } from './compute-readiness';
import { type AppReadiness, getReadiness, type ReadinessDeps } from './load-readiness';

const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };

let world: SandboxWorld;
let sample: SandboxWorld['sample'];
let runtime: KubeRuntime;
let db: BerthDb;
let logSource: LogSource;
let dataDir: string;
let deps: ReadinessDeps;

async function readiness(app: string): Promise<AppReadiness> {
  const result = await getReadiness(priya, app, deps);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

const statuses = (r: AppReadiness) => Object.fromEntries(r.checks.map((c) => [c.id, c.status])) as Record<ReadinessCheckId, 'pass' | 'fail'>;
const check = (r: AppReadiness, id: ReadinessCheckId) => r.checks.find((c) => c.id === id)!;

beforeAll(async () => {
  world = await startSandboxWorld({ seed: 'readiness-it', env: { LOG_SOURCE: 'kubernetes' } });
  ({ sample, runtime, db, dataDir } = world);
  const { config } = world;
  const catalog = await loadCatalog(sample.repo);
  logSource = createLogSource(config, { environments: () => catalog.environments });
  deps = { repo: sample.repo, db, logSource };
  // Stage as the sandbox runs it: patient-portal healthy, intake-forms crash-looping.
  await waitFor(
    async () => {
      const summary = await getStatusSummary(priya, { runtime, repo: sample.repo });
      const verdict = (app: string) => summary.entries.find((e) => e.app === app && e.environment === 'stage')?.verdict;
      return verdict('patient-portal') === 'healthy' && (verdict('intake-forms') === 'down' || verdict('intake-forms') === 'degraded');
    },
    { what: 'patient-portal healthy and intake-forms failing in stage', timeoutMs: 60_000 },
  );
}, 90_000);

afterAll(() => world?.close());

describe('readiness, computed from what Berth sees', () => {
  it('says honestly that stage health cannot pass while the history covers less than a day', async () => {
    await sampleAppStatuses(db, { runtime, repo: sample.repo });
    const r = await readiness('patient-portal');
    expect(check(r, 'stage-healthy')).toMatchObject({ status: 'fail', found: expect.stringMatching(/covers only 5 min of the last 24 h/) });
  });

  it('passes every check of patient-portal once a day of healthy stage history is recorded', async () => {
    // A day of samples, one per period, from the caches as they are (the sampler's own code path).
    const now = Date.now();
    for (let at = now - 24 * 60 * 60_000 + 1000; at <= now; at += SAMPLE_EVERY_MS) {
      await sampleAppStatuses(db, { runtime, repo: sample.repo, now: () => at });
    }
    const r = await readiness('patient-portal');
    expect(r.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.found}`)).toEqual([]);
    expect(r).toMatchObject({ ready: true, passing: 9, total: 9 });
    expect(check(r, 'stage-healthy').found).toMatch(/Healthy in every sample of the last 24 h/);
    expect(check(r, 'logs-structured').found).toMatch(/^0 of the last \d+ lines in stage/);
    expect(check(r, 'validated-in-stage').found).toContain('ana.souza@meridiancare.example on 2026-10-14');
    for (const c of r.checks) expect(c.guide.href).toMatch(/^\/guides\/[a-z-]+(#[a-z0-9-]+)?$/);
  });

  it('fails intake-forms where it is not ready: parity unfinished, stage down, not validated — each with its fix', async () => {
    const r = await readiness('intake-forms');
    const s = statuses(r);
    expect(s).toMatchObject({ 'values-valid': 'pass', probes: 'pass', 'config-keys': 'fail', 'stage-healthy': 'fail', 'validated-in-stage': 'fail' });
    expect(check(r, 'config-keys').found).toMatch(/^4 of 10 not in env, secretEnv or dropped on purpose: AWS_SECRET_ACCESS_KEY \(stage, production\), FHIR_BASE_URL \(stage\), NEW_RELIC_LICENSE_KEY/);
    expect(check(r, 'stage-healthy').found).toMatch(/^Stage was (down|degraded) from /);
    for (const c of r.checks.filter((x) => x.status === 'fail')) expect(c.fix).toBeTruthy();
    expect(r.ready).toBe(false);
  });

  it('fails a values change that inlines a secret, drops a probe and leaves one pod under the budget — never quoting the secret', async () => {
    const file = 'apps/patient-portal/values-production.yaml';
    const text = (await readFile(sample.repo, file))!
      .replace('    replicas: 3', '    replicas: 1')
      .replace('env:\n', 'env:\n  STRIPE_API_KEY: "sk_live_51Hx00aBcDeFgHiJkLmNoPq"\n  ANALYTICS_DB: "postgres://report:pa55word@db.internal:5432/analytics"\n');
    const shared = 'apps/patient-portal/values.yaml';
    const sharedText = (await readFile(sample.repo, shared))!.replace(/    probes:\n(      .*\n|\s*#.*\n)+/, '');
    expect(sharedText).not.toContain('probes:');
    const committed = await commitChange(sample.repo, {
      files: [{ path: file, text }, { path: shared, text: sharedText }],
      baseRevision: await headRevision(sample.repo),
      author: { name: 'Test', email: 'test@meridiancare.example' },
      message: 'Make patient-portal unready',
    });
    expect(committed.status).toBe('committed');
    const r = await readiness('patient-portal');
    expect(statuses(r), check(r, 'values-valid').found).toMatchObject({ 'inline-secrets': 'fail', probes: 'fail', 'disruption-budget': 'fail', 'values-valid': 'pass' });
    expect(check(r, 'inline-secrets').found).toBe('Looks like a secret: STRIPE_API_KEY (token, env in production), ANALYTICS_DB (URL with a password, env in production).');
    expect(check(r, 'inline-secrets').fix).toMatch(/secretEnv/);
    expect(check(r, 'probes').found).toBe('Missing: web in stage (no readiness or liveness probe), web in production (no readiness or liveness probe).');
    expect(check(r, 'disruption-budget').found).toMatch(/web in production \(1 replica\): maxUnavailable 1 lets every pod go at once/);
    const answer = JSON.stringify(r.checks);
    expect(answer).not.toContain('sk_live_51Hx00aBcDeFgHiJkLmNoPq');
    expect(answer).not.toContain('pa55word');
  });

  it('says when the logs cannot be read instead of passing', async () => {
    const unreachable = createLogSource(parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: dataDir, KUBECONFIG: path.join(dataDir, 'missing-kubeconfig'), LOG_SOURCE: 'cloud-logging', CLOUD_LOGGING_ENDPOINT: '127.0.0.1:1' }, dataDir), { environments: () => [{ name: 'stage', project: 'meridian-stage' }], timeoutMs: 1000 });
    const result = await getReadiness(priya, 'scheduler', { ...deps, logSource: unreachable });
    expect(result.ok && check(result.data, 'logs-structured')).toMatchObject({ status: 'fail', found: expect.stringMatching(/^Berth could not read stage’s logs: /) });
  });
});
