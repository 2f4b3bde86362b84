// The cutover ladder end to end on the sandbox Envoy (over HTTP, in Envoy's formats): request →
// approve → share applied in Envoy → numbers captured → back to 0 at the window's end, and early on
// a 5xx spike; the refusals; two replicas (two database connections) never both running or rolling
// back a window; a runner that died is continued by the next. Windows are minutes of simulated time
// (the sandbox's time scale), seconds of real time. No timed asserts: each test waits for a state.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { type BerthDb, createDb } from '@/lib/db/create-db';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { history } from '@/lib/gitops/history';
import { describeEachDatabase } from '@/lib/testing/databases';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import type { BackendHealth } from '@/sandbox/envoy-admin/edge-proxy';
import { routesFromMigrations } from '@/sandbox/envoy-admin/routes-from-migrations';
import { type EnvoyAdminServer, startEnvoyAdminServer } from '@/sandbox/envoy-admin/server';
import { type CutoverDeps, recoverCutoverSteps, RunnerRegistry } from './cutover-runner';
import { findCutoverStep, listSamples, listStepEvents, type CutoverStep } from './cutover-step';
import { approveStep, hasCompletedFullCutover, rejectStep, requestStep, rollbackStep, withdrawStep } from './cutover-steps';
import { getCutoverView } from './cutover-view';
import { readAllMigrations, readMigration } from './read-migrations';
import { waitFor } from './wait-for-test-helper';

// provider-api (team clinical) is mid-cutover in the sample: Envoy's admin layer holds 25.
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const esther: BerthUser = { email: 'esther.adeyemi@meridiancare.example', name: 'Esther Adeyemi', role: 'engineer', team: 'clinical' };
const farid: BerthUser = { email: 'farid.haddad@meridiancare.example', name: 'Farid Haddad', role: 'engineer', team: 'clinical' };
const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const KEY = 'routing.traffic_shift.provider-api';
const APP = 'provider-api';

describeEachDatabase('the cutover ladder on the sandbox Envoy', (database) => {
  let repo: ConfigRepo;
  let repoDir: string;
  let cleanup: () => void;
  let envoy: EnvoyAdminServer;
  let second: BerthDb;
  const health = new Map<string, BackendHealth>();
  const registries: RunnerRegistry[] = [];

  beforeAll(async () => {
    ({ repo, dir: repoDir, cleanup } = await makeSampleRepo());
    // Sixty simulated seconds per real second: provider-api's 25 requests a second become 1,500.
    envoy = await startEnvoyAdminServer({ routes: routesFromMigrations(await readAllMigrations(repo)), seed: 'ladder', timeScale: 60, backendHealth: () => health });
    // A second replica: its own connection (pool) to the same database.
    second = await createDb({ url: database.url, searchPath: database.searchPath });
  });
  afterAll(async () => {
    await Promise.all(registries.map((r) => r.stopAll()));
    await second?.destroy();
    await envoy?.close();
    cleanup?.();
  });

  /** One Berth replica: its database connection and its own set of running windows. */
  function replica(db: () => BerthDb, options: Partial<CutoverDeps> = {}): CutoverDeps {
    const runners = new RunnerRegistry();
    registries.push(runners);
    return { db: db(), repo, envoyEndpoint: envoy.endpoint, timeScale: 60, envoyTimeoutMs: 2000, leaseMs: 1500, heartbeatMs: 200, retryBaseMs: 50, retryMaxMs: 400, runners, ...options };
  }
  const share = () => envoy.proxy.runtimeValue(KEY);
  const stepOf = (id: number) => findCutoverStep(database.db, id) as Promise<CutoverStep>;
  const kinds = async (id: number) => (await listStepEvents(database.db, id)).map((e) => e.kind);
  async function settle(id: number) {
    return waitFor(`step ${id} to end`, () => stepOf(id), (s) => s.status === 'done' || s.status === 'failed');
  }

  it('runs a 5 % step: approved by a second person, applied in Envoy, measured, and back to 0 at the window end', async () => {
    health.clear();
    const deps = replica(() => database.db);
    const asked = await requestStep(dmitri, { app: APP, share: 5, windowMinutes: 2, reason: 'First step after the stage sign-off' }, deps);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.data).toMatchObject({ status: 'requested', share: 5, windowMinutes: 2, target: { runtimeKey: KEY } });
    expect(share()).toBe('25'); // nothing moves before approval

    const approved = await approveStep(esther, { id: asked.data.id }, deps);
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.data).toMatchObject({ status: 'running', approvedBy: { email: esther.email }, shareBefore: 25 });
    expect(share()).toBe('5');

    const done = await settle(asked.data.id);
    expect(done, JSON.stringify({ reason: done.statusReason, numbers: done.numbers })).toMatchObject({ status: 'done', outcome: 'window-ended', rollbackReason: 'window-end' });
    expect(share()).toBe('0');
    // Both sides' numbers over the same interval, from counter and histogram deltas.
    const numbers = done.numbers!;
    expect(numbers.aptible.requests).toBeGreaterThan(0);
    expect(numbers.gke.requests).toBeGreaterThan(0);
    expect(numbers.aptible.requests).toBeGreaterThan(numbers.gke.requests * 5);
    expect(numbers.gke.latencyMs?.p95).toBeGreaterThan(0);
    expect(numbers.aptible.latencyMs?.p99).toBeGreaterThanOrEqual(numbers.aptible.latencyMs!.p50);
    expect(numbers.verdict.kind).not.toBe('rollback');
    expect((await listSamples(database.db, done.id)).filter((s) => s.snapshot).length).toBeGreaterThanOrEqual(3);
    expect(await kinds(done.id)).toEqual(['requested', 'approved', 'started', 'completed']);
    const completed = (await listStepEvents(database.db, done.id)).at(-1)!;
    expect(completed.numbers?.gke.requests).toBe(numbers.gke.requests);
    const audit = await database.db.selectFrom('audit_events').select(['action', 'actor']).where('target', '=', `cutover-step:${done.id}`).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['cutover.request', 'cutover.approve', 'cutover.start', 'cutover.complete']);

    // migration.yaml followed: GKE at 5 % under the approver's name, back to 0 by Berth.
    // (committed just after the step ends: wait for it)
    const file = await waitFor('migration.yaml to say 0 %', () => readMigration(repo, APP), (f) => f.status === 'ok' && f.migration.gkeShare === 0);
    expect(file.status === 'ok' && file.migration.state).toBe('cutover');
    const commits = (await history(repo, { paths: ['apps/provider-api/migration.yaml'], limit: 2 })).map((c) => `${c.author.name}: ${c.subject}`);
    expect(commits).toEqual([`Berth: provider-api: GKE's share back to 0 after cutover step #${done.id}`, `Esther Adeyemi: provider-api: GKE at 5 % for 2 min (cutover step #${done.id})`]);

    // The page's view: the step, a point per snapshot interval, the log.
    const view = await getCutoverView(farid, { app: APP }, deps);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.data.envoy).toEqual({ share: 0, value: '0' });
    expect(view.data.step?.id).toBe(done.id);
    expect(view.data.points.filter((p) => p.window).length).toBeGreaterThanOrEqual(2);
    expect(view.data.log[0].kind).toBe('completed');
    expect(view.data.may).toEqual({ request: true, approve: false, rollback: false, withdraw: false });
  });

  it('rolls back early by itself when GKE answers 5xx (its pods crash-loop)', async () => {
    health.clear();
    // Berth's clock ten times faster still: the hour-long window lasts 6 s, a snapshot every 0.5 s.
    const deps = replica(() => database.db, { timeScale: 600 });
    const asked = await requestStep(dmitri, { app: APP, share: 15, windowMinutes: 60, reason: 'Second step' }, deps);
    if (!asked.ok) throw new Error(asked.error.message);
    const approved = await approveStep(esther, { id: asked.data.id }, deps);
    if (!approved.ok) throw new Error(approved.error.message);
    expect(share()).toBe('15');
    // provider-api's production pods stop being ready: the GKE ingress gateway answers 503.
    health.set(APP, { total: 4, ready: 0 });
    const done = await settle(asked.data.id);
    health.clear();
    expect(done).toMatchObject({ status: 'done', outcome: 'rolled-back-5xx' });
    expect(Date.parse(done.endedAt!)).toBeLessThan(Date.parse(done.endsAt!));
    expect(share()).toBe('0');
    expect(done.numbers?.verdict.kind).toBe('rollback');
    expect(done.numbers!.gke.rate5xx!).toBeGreaterThan(done.numbers!.aptible.rate5xx! + 0.5);
    const last = (await listStepEvents(database.db, done.id)).at(-1)!;
    expect(last).toMatchObject({ kind: 'rolled-back', actor: { name: 'Berth' } });
    expect(last.body).toMatch(/0\.5-point threshold/);
  });

  it('refuses what it must, each with its reason, and writes nothing', async () => {
    health.clear();
    const deps = replica(() => database.db);
    const count = async () => Number((await database.db.selectFrom('cutover_steps').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const bad of [0, 101, 2.5, -5]) {
      const refused = await requestStep(dmitri, { app: APP, share: bad, reason: 'x' }, deps);
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/from 1 to 100/) });
    }
    const outsider = await requestStep(ana, { app: APP, share: 5, reason: 'x' }, deps);
    expect(outsider.ok ? null : outsider.error.code).toBe('forbidden');
    const notValidated = await requestStep(ana, { app: 'intake-forms', share: 5, reason: 'x' }, deps);
    expect(notValidated.ok ? null : notValidated.error.message).toMatch(/not validated in stage/);
    // An Envoy that does not answer (nothing listens there).
    const silent = await requestStep(dmitri, { app: APP, share: 5, reason: 'x' }, { ...deps, envoyEndpoint: '127.0.0.1:9' });
    expect(silent.ok ? null : silent.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/Nothing was requested/) });
    expect(await count()).toBe(before);

    // A step without approval changes nothing; the requester cannot approve it; a second one is refused.
    const envoyBefore = share();
    const asked = await requestStep(dmitri, { app: APP, share: 25, reason: 'Third step' }, deps);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(share()).toBe(envoyBefore);
    const own = await approveStep(dmitri, { id: asked.data.id }, deps);
    expect(own.ok ? null : own.error.message).toMatch(/cannot approve your own/);
    const otherTeam = await approveStep(ana, { id: asked.data.id }, deps);
    expect(otherTeam.ok ? null : otherTeam.error.code).toBe('forbidden');
    const secondStep = await requestStep(farid, { app: APP, share: 50, reason: 'Impatient' }, deps);
    expect(secondStep.ok ? null : secondStep.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/one step at a time/) });
    // Approving while Envoy is silent: refused, the step still waits, Envoy untouched.
    const silentApproval = await approveStep(esther, { id: asked.data.id }, { ...deps, envoyEndpoint: '127.0.0.1:9' });
    expect(silentApproval.ok ? null : silentApproval.error.message).toMatch(/still waits for approval/);
    expect((await stepOf(asked.data.id)).status).toBe('requested');
    expect(share()).toBe(envoyBefore);
    const rollbackNothing = await rollbackStep(farid, { id: asked.data.id }, deps);
    expect(rollbackNothing.ok ? null : rollbackNothing.error.code).toBe('conflict');
    const rejected = await rejectStep(esther, { id: asked.data.id, reason: 'Wait for Monday' }, deps);
    expect(rejected.ok && rejected.data.status).toBe('rejected');
    expect(share()).toBe(envoyBefore);

    const again = await requestStep(dmitri, { app: APP, share: 25, reason: 'Monday' }, deps);
    if (!again.ok) throw new Error(again.error.message);
    const notMine = await withdrawStep(farid, { id: again.data.id }, deps);
    expect(notMine.ok ? null : notMine.error.code).toBe('forbidden');
    const withdrawn = await withdrawStep(dmitri, { id: again.data.id }, deps);
    expect(withdrawn.ok && withdrawn.data.status).toBe('withdrawn');
  });

  it('does not start a step it cannot measure (Envoy has no such clusters), and changes nothing', async () => {
    const bare = await startEnvoyAdminServer({ routes: [], seed: 'bare' });
    try {
      const deps = replica(() => database.db, { envoyEndpoint: bare.endpoint });
      const asked = await requestStep(dmitri, { app: APP, share: 5, reason: 'Wrong Envoy' }, deps);
      if (!asked.ok) throw new Error(asked.error.message);
      const approved = await approveStep(esther, { id: asked.data.id }, deps);
      expect(approved.ok ? null : approved.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/could not be read at the start.*no cluster named provider-api_aptible or provider-api_gke.*Nothing was changed/s) });
      expect(await stepOf(asked.data.id)).toMatchObject({ status: 'failed', approvedBy: { email: esther.email } });
      expect(bare.proxy.runtimeValue(KEY)).toBeUndefined();
      expect(await kinds(asked.data.id)).toEqual(['requested', 'approved', 'start-failed']);
      // The app is free for the next step.
      const next = await requestStep(dmitri, { app: APP, share: 5, reason: 'Right Envoy' }, replica(() => database.db));
      expect(next.ok && next.data.status).toBe('requested');
      if (next.ok) await withdrawStep(dmitri, { id: next.data.id }, replica(() => database.db));
    } finally {
      await bare.close();
    }
  });

  it('lets exactly one of two replicas approve, and exactly one roll back', async () => {
    health.clear();
    const a = replica(() => database.db);
    const b = replica(() => second);
    const asked = await requestStep(dmitri, { app: APP, share: 5, windowMinutes: 60, reason: 'Race' }, a);
    if (!asked.ok) throw new Error(asked.error.message);
    const approvals = await Promise.all([approveStep(esther, { id: asked.data.id }, a), approveStep(farid, { id: asked.data.id }, b)]);
    expect(approvals.filter((r) => r.ok)).toHaveLength(1);
    expect(approvals.find((r) => !r.ok)?.error).toMatchObject({ code: 'conflict' });
    expect(share()).toBe('5');

    const rollbacks = await Promise.all([rollbackStep(farid, { id: asked.data.id }, a), rollbackStep(esther, { id: asked.data.id }, b)]);
    expect(rollbacks.filter((r) => r.ok)).toHaveLength(1);
    expect(rollbacks.find((r) => !r.ok)?.error).toMatchObject({ code: 'conflict' });
    const done = await settle(asked.data.id);
    expect(done.outcome).toBe('rolled-back-by-hand');
    expect(share()).toBe('0');
    const events = await kinds(done.id);
    expect(events.filter((k) => k === 'rolled-back')).toHaveLength(1);
    expect(events.filter((k) => k === 'approved')).toHaveLength(1);
  });

  it('continues a window whose replica died, on exactly one of the others, and ends it once', async () => {
    health.clear();
    const dying = replica(() => database.db);
    const asked = await requestStep(dmitri, { app: APP, share: 5, windowMinutes: 6, reason: 'Restart in the middle' }, dying);
    if (!asked.ok) throw new Error(asked.error.message);
    const approved = await approveStep(esther, { id: asked.data.id }, dying);
    if (!approved.ok) throw new Error(approved.error.message);
    // The replica stops as a crash would: its windows end, its lease is left to expire.
    await dying.runners!.stopAll();
    const stuck = await stepOf(asked.data.id);
    expect(stuck.status).toBe('running');
    expect(share()).toBe('5');

    const a = replica(() => database.db);
    const b = replica(() => second);
    const taken = await waitFor(
      'a replica to take the step over',
      async () => (await Promise.all([recoverCutoverSteps(a), recoverCutoverSteps(b)])).reduce((x, y) => x + y, 0),
      (n) => n > 0,
    );
    expect(taken).toBe(1);
    const done = await settle(asked.data.id);
    expect(done.outcome).toBe('window-ended');
    expect(share()).toBe('0');
    const events = await kinds(done.id);
    expect(events).toEqual(['requested', 'approved', 'started', 'resumed', 'completed']);
    expect(done.numbers?.gke.requests).toBeGreaterThan(0);
  });

  it('continues the window of a replica killed with SIGKILL mid-window, and ends it once', async () => {
    health.clear();
    const asked = await requestStep(dmitri, { app: APP, share: 5, windowMinutes: 8, reason: 'The approving replica dies' }, replica(() => database.db));
    if (!asked.ok) throw new Error(asked.error.message);
    // Another Berth process approves it and runs the window.
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'lib/testing/cutover-replica.ts', database.url, database.searchPath ?? '-', repoDir, envoy.endpoint, String(asked.data.id)], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let errors = '';
        child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`running ${asked.data.id}`)) resolve();
        });
        child.on('exit', (code) => reject(new Error(`the replica exited (${code}) before the step ran: ${errors}`)));
      });
      expect(share()).toBe('5');
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect((await stepOf(asked.data.id)).status).toBe('running');

    const survivor = replica(() => second);
    await waitFor('the survivor to take the step over', () => recoverCutoverSteps(survivor), (n) => n > 0);
    const done = await settle(asked.data.id);
    expect(done.outcome).toBe('window-ended');
    expect(share()).toBe('0');
    const events = await kinds(done.id);
    expect(events).toEqual(['requested', 'approved', 'started', 'resumed', 'completed']);
  });

  it('the last step, 100 %, has no window and makes Aptible deprovisionable', async () => {
    health.clear();
    const deps = replica(() => database.db);
    expect(await hasCompletedFullCutover(database.db, APP)).toBe(false);
    const asked = await requestStep(dmitri, { app: APP, share: 100, windowMinutes: 15, reason: 'Two weeks of good steps' }, deps);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.data.windowMinutes).toBeNull();
    const approved = await approveStep(farid, { id: asked.data.id }, deps);
    if (!approved.ok) throw new Error(approved.error.message);
    expect(approved.data).toMatchObject({ status: 'done', outcome: 'at-100' });
    expect(share()).toBe('100');
    expect(await hasCompletedFullCutover(database.db, APP)).toBe(true);
    const file = await waitFor('migration.yaml to say gke-100', () => readMigration(repo, APP), (f) => f.status === 'ok' && f.migration.state === 'gke-100');
    expect(file.status === 'ok' && file.migration.gkeShare).toBeUndefined();
    const more = await requestStep(dmitri, { app: APP, share: 5, reason: 'Again?' }, deps);
    expect(more.ok ? null : more.error.message).toMatch(/already has all of provider-api's traffic/);
    // Put the sample back for the other suites' order independence.
    envoy.proxy.modifyRuntime([[KEY, '25']]);
  });
});
