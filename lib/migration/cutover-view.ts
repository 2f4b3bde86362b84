import 'server-only';
// What the app page's cutover panel (and the API for scripts) shows: the Envoy route, GKE's share
// as Envoy reads it now, the step under way or the last one with both sides' numbers per snapshot
// interval (for the chart) and for the whole window, the step log, what this person may do — and,
// loudly, a rollback that cannot reach Envoy. cutoverAlarms() is the same alarm for the board.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { fail, ok, type Result } from '@/lib/result/result';
import { computeCutoverWindow, type CutoverWindow, CutoverWindowError } from './cutover-window';
import { type CutoverStep, findActiveStep, listAppSteps, listSamples, listStepLog, type StepEvent, toCutoverStep } from './cutover-step';
import { adminUrlOf, type CutoverDeps, cutoverWindowOptions, runnerContext, sampleEveryMs } from './cutover-runner';
import { readRuntimeShare } from './envoy-admin-client';
import type { MigrationState } from './migration-file';
import { readMigration } from './read-migrations';

/** A rollback Berth could not get through to Envoy: GKE may still have its share. */
export interface CutoverAlarm {
  app: string;
  stepId: number;
  share: number;
  failingSince: string;
  attempts: number;
  error: string;
}

/** One point of the live chart: both sides over one snapshot interval. */
export interface CutoverPoint {
  at: string;
  window: CutoverWindow | null;
  /** The snapshot failed (Envoy silent): a gap in the chart, with why. */
  error: string | null;
}

export interface CutoverView {
  app: string;
  state: MigrationState | null;
  /** Null when migration.yaml names no Envoy route. */
  route: null | {
    envoyAdmin: string;
    runtimeKey: string;
    clusters: { aptible: string; gke: string };
    maxExtra5xxPercent: number;
    stepWindowMinutes: number;
  };
  /** GKE's share as Envoy reads it now, or why it could not be read. */
  envoy: { share: number | null; value: string } | { error: string } | null;
  /** The step under way, else the latest one. */
  step: CutoverStep | null;
  points: CutoverPoint[];
  steps: CutoverStep[];
  log: StepEvent[];
  alarm: CutoverAlarm | null;
  may: { request: boolean; approve: boolean; rollback: boolean; withdraw: boolean };
  /** Sandbox time runs this much faster (1 in production). */
  timeScale: number;
  /** How often the panel should ask again while a step is under way (ms). */
  refreshMs: number;
}

function alarmOf(step: CutoverStep): CutoverAlarm | null {
  if (step.status !== 'rolling-back' || !step.rollback.error) return null;
  return { app: step.app, stepId: step.id, share: step.share, failingSince: step.rollback.failingSince ?? step.updatedAt, attempts: step.rollback.attempts, error: step.rollback.error };
}

/** Every app whose rollback cannot reach Envoy right now (for the board's banner). */
export async function cutoverAlarms(db: BerthDb): Promise<CutoverAlarm[]> {
  const rows = await db.selectFrom('cutover_steps').selectAll().where('status', '=', 'rolling-back').where('rollback_error', 'is not', null).orderBy('app').execute();
  return rows.map(toCutoverStep).map(alarmOf).filter((a): a is CutoverAlarm => a !== null);
}

/** The app's rollback that cannot reach Envoy, if one is under way (the app page's banner). */
export async function getCutoverAlarm(app: string, deps: { db?: BerthDb } = {}): Promise<CutoverAlarm | null> {
  const db = deps.db ?? (await getDb());
  const step = await findActiveStep(db, app);
  return step ? alarmOf(step) : null;
}

/** Both sides per snapshot interval, for the chart. */
export async function stepPoints(db: BerthDb, step: CutoverStep): Promise<CutoverPoint[]> {
  const samples = await listSamples(db, step.id);
  const points: CutoverPoint[] = [];
  let previous = samples.find((s) => s.snapshot) ?? null;
  for (const sample of samples) {
    if (!sample.snapshot) {
      points.push({ at: sample.takenAt, window: null, error: sample.error });
      continue;
    }
    if (sample === previous || !previous?.snapshot) continue;
    try {
      points.push({ at: sample.takenAt, window: computeCutoverWindow(previous.snapshot, sample.snapshot, cutoverWindowOptions(step)), error: null });
    } catch (error) {
      if (!(error instanceof CutoverWindowError)) throw error;
      points.push({ at: sample.takenAt, window: null, error: error.message });
    }
    previous = sample;
  }
  return points;
}

export async function getCutoverView(user: BerthUser, input: { app: string }, deps: CutoverDeps = {}): Promise<Result<CutoverView>> {
  const ctx = await runnerContext(deps);
  const catalog = await loadCatalog(ctx.repo);
  const app = catalog.apps.find((a) => a.name === input.app);
  if (!app) return fail('not-found', `There is no app named ${input.app}.`);
  const decision = decide(user, 'app.view', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);

  const migration = await readMigration(ctx.repo, app.name);
  const file = migration.status === 'ok' ? migration.migration : null;
  const route = file?.cutover
    ? { envoyAdmin: file.cutover.envoyAdmin, runtimeKey: file.cutover.runtimeKey, clusters: file.cutover.clusters, maxExtra5xxPercent: file.cutover.maxExtra5xxPercent, stepWindowMinutes: file.cutover.stepWindowMinutes }
    : null;
  const [active, steps, log] = await Promise.all([findActiveStep(ctx.db, app.name), listAppSteps(ctx.db, app.name), listStepLog(ctx.db, app.name)]);
  const step = active ?? steps[0] ?? null;
  let envoy: CutoverView['envoy'] = null;
  if (route) {
    // A short deadline: the page must not wait on a silent Envoy; it says so instead.
    const read = await readRuntimeShare(adminUrlOf(ctx, { target: { ...route } }), route.runtimeKey, { timeoutMs: Math.min(ctx.envoyTimeoutMs, 1500) });
    envoy = read.ok ? { share: read.data.share, value: read.data.value } : { error: read.error.message };
  }
  const owns = decide(user, 'cutover.request', { app }).allowed;
  const running = step !== null && (step.status === 'starting' || step.status === 'running' || step.status === 'rolling-back');
  // A step waiting for approval is looked at again now and then: a teammate may approve it elsewhere.
  const waiting = step?.status === 'requested';
  return ok({
    app: app.name,
    state: file?.state ?? null,
    route,
    envoy,
    step,
    points: step && step.startedAt ? await stepPoints(ctx.db, step) : [],
    steps,
    log,
    alarm: step ? alarmOf(step) : null,
    may: {
      request: owns && route !== null && active === null,
      approve: active?.status === 'requested' && decide(user, 'cutover.approve', { app, requesterEmail: active.requestedBy.email }).allowed,
      rollback: active?.status === 'running' && decide(user, 'cutover.rollback', { app }).allowed,
      withdraw: active?.status === 'requested' && active.requestedBy.email === user.email,
    },
    timeScale: ctx.timeScale,
    refreshMs: running && step ? Math.max(500, Math.min(5000, sampleEveryMs(step, ctx.timeScale))) : waiting ? 5000 : 0,
  });
}
