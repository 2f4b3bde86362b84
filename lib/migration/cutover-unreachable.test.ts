// A rollback that cannot reach Envoy: the sandbox Envoy runs as its own process and is frozen with
// SIGSTOP (it accepts connections in the kernel but never answers, as a hung proxy does). Berth
// says so on the step and to the board, retries with backoff, records it, and finishes the
// rollback once Envoy answers again (SIGCONT). A step asked for while Envoy is frozen is refused.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { type CutoverDeps, RunnerRegistry } from './cutover-runner';
import { waitFor } from './wait-for-test-helper';
import { findCutoverStep, listStepEvents } from './cutover-step';
import { approveStep, requestStep, rollbackStep } from './cutover-steps';
import { cutoverAlarms, getCutoverAlarm, getCutoverView } from './cutover-view';
import { readRuntimeShare } from './envoy-admin-client';

const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const esther: BerthUser = { email: 'esther.adeyemi@meridiancare.example', name: 'Esther Adeyemi', role: 'engineer', team: 'clinical' };
const farid: BerthUser = { email: 'farid.haddad@meridiancare.example', name: 'Farid Haddad', role: 'engineer', team: 'clinical' };
const KEY = 'routing.traffic_shift.provider-api';

function startEnvoyProcess(configDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  // node itself (not the tsx launcher, which would forward nothing to a stopped child) gets the signals.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(process.cwd(), 'sandbox', 'envoy-admin', 'main.ts'), '--config-dir', configDir, '--time-scale', '60', '--seed', 'frozen'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready: http:\/\/(\S+)/.exec(out);
      if (ready) resolve({ child, endpoint: ready[1] });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox Envoy exited (${code}) before it was ready: ${out}`)));
  });
}

describeEachDatabase('a rollback that cannot reach Envoy', (database) => {
  let repo: ConfigRepo;
  let dir: string;
  let cleanup: () => void;
  let envoy: { child: ChildProcess; endpoint: string };
  const runners = new RunnerRegistry();

  beforeAll(async () => {
    ({ repo, dir, cleanup } = await makeSampleRepo());
    envoy = await startEnvoyProcess(dir);
  });
  afterAll(async () => {
    envoy?.child.kill('SIGCONT');
    await runners.stopAll();
    envoy?.child.kill('SIGTERM');
    cleanup?.();
  });

  const deps = (): CutoverDeps => ({ db: database.db, repo, envoyEndpoint: envoy.endpoint, timeScale: 60, envoyTimeoutMs: 500, leaseMs: 5000, heartbeatMs: 200, retryBaseMs: 100, retryMaxMs: 400, runners });
  const envoyShare = async () => {
    const read = await readRuntimeShare(`http://${envoy.endpoint}`, KEY, { timeoutMs: 2000 });
    return read.ok ? read.data.value : `unreadable: ${read.error.message}`;
  };

  it('says so loudly, keeps retrying with backoff, records it, and finishes when Envoy answers again', async () => {
    const asked = await requestStep(dmitri, { app: 'provider-api', share: 5, windowMinutes: 60, reason: 'Envoy will freeze' }, deps());
    if (!asked.ok) throw new Error(asked.error.message);
    const approved = await approveStep(esther, { id: asked.data.id }, deps());
    if (!approved.ok) throw new Error(approved.error.message);
    expect(await envoyShare()).toBe('5');

    envoy.child.kill('SIGSTOP');
    const rollback = await rollbackStep(farid, { id: asked.data.id }, deps());
    expect(rollback.ok ? null : rollback.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/could not reach Envoy .*did not answer .*within 0\.5 s.*GKE may still have 5 %.*keeps trying/s) });
    const failing = await waitFor('several rollback attempts', () => findCutoverStep(database.db, asked.data.id), (s) => (s?.rollback.attempts ?? 0) >= 3);
    expect(failing).toMatchObject({ status: 'rolling-back', rollbackBy: { email: farid.email } });
    expect(failing?.rollback.error).toMatch(/did not answer/);
    // The board and the app page show it.
    const alarms = await cutoverAlarms(database.db);
    expect(alarms).toEqual([expect.objectContaining({ app: 'provider-api', stepId: asked.data.id, share: 5, error: expect.stringMatching(/did not answer/) })]);
    const view = await getCutoverView(farid, { app: 'provider-api' }, deps());
    expect(view.ok && view.data.alarm).toMatchObject({ stepId: asked.data.id });
    expect(view.ok && view.data.envoy).toMatchObject({ error: expect.stringMatching(/did not answer/) });
    expect(await getCutoverAlarm('provider-api', { db: database.db })).toMatchObject({ stepId: asked.data.id, attempts: expect.any(Number) });
    // A second click does not start a second rollback.
    const again = await rollbackStep(esther, { id: asked.data.id }, deps());
    expect(again.ok ? null : again.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already being rolled back .*Berth keeps trying/) });

    envoy.child.kill('SIGCONT');
    const done = await waitFor('the rollback to go through', () => findCutoverStep(database.db, asked.data.id), (s) => s?.status === 'done');
    expect(done).toMatchObject({ outcome: 'rolled-back-by-hand', rollback: { error: null } });
    expect(done!.rollback.attempts).toBeGreaterThanOrEqual(3);
    expect(await envoyShare()).toBe('0');
    expect(await cutoverAlarms(database.db)).toEqual([]);
    expect(await getCutoverAlarm('provider-api', { db: database.db })).toBeNull();
    const events = await listStepEvents(database.db, asked.data.id);
    expect(events.map((e) => e.kind)).toEqual(['requested', 'approved', 'started', 'rollback-started', 'rollback-failed', 'rolled-back']);
    expect(events.at(-1)).toMatchObject({ actor: { email: farid.email }, body: expect.stringMatching(/Envoy answered after \d+ attempts/) });
    const audit = await database.db.selectFrom('audit_events').select('action').where('target', '=', `cutover-step:${asked.data.id}`).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['cutover.request', 'cutover.approve', 'cutover.start', 'cutover.rollback-request', 'cutover.rollback-failed', 'cutover.rollback']);
  });

  it('refuses a step while Envoy is frozen, and writes nothing', async () => {
    envoy.child.kill('SIGSTOP');
    try {
      const refused = await requestStep(dmitri, { app: 'provider-api', share: 5, reason: 'Envoy is frozen' }, deps());
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/did not answer \/runtime within 0\.5 s.*Nothing was requested/s) });
      const rows = await database.db.selectFrom('cutover_steps').select('id').where('reason', '=', 'Envoy is frozen').execute();
      expect(rows).toEqual([]);
    } finally {
      envoy.child.kill('SIGCONT');
    }
  });
});
