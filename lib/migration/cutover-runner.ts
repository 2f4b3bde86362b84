import 'server-only';
// Berth running a cutover step's window, exactly once across replicas, and never leaving GKE's
// share where nobody watches it.
//
// The approval's compare-and-set moves the step to "starting" with a lease token (runner_owner)
// and the approving replica runs it: reads the share before, takes the first snapshot of Envoy's
// stats, sets the share (POST /runtime_modify, read back), then takes a snapshot every few seconds
// of the window, computing both sides' numbers; at the window's end — or earlier, when GKE's 5xx
// rate exceeds Aptible's by the app's threshold — it sets the share back to 0 by itself. Every
// write is fenced by the token (`where runner_owner = token`), and a heartbeat renews the lease.
// Whoever moves the step (a person's rollback, another replica's takeover) changes the token in
// the same compare-and-set, so the replica that lost it stops at its next fenced write and two
// replicas never both run or both roll back a window. Any replica finds steps whose lease expired
// (recoverCutoverSteps: the runner died or hung) and continues the window or rolls it back.
//
// A rollback that cannot reach Envoy is recorded on the step (attempts, the error, since when),
// logged, audited once, and retried with backoff until Envoy answers: the app page and the board
// show it loudly (cutoverAlarms in cutover-view.ts).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getConfig } from '@/lib/config/get-config';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import type { CutoverStepsTable, Database } from '@/lib/db/schema';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { repeatInBackground } from '@/lib/lifecycle/repeat-in-background';
import { logger } from '@/lib/logger/logger';
import { computeCutoverWindow, type CutoverWindow, CutoverWindowError, type CutoverWindowOptions } from './cutover-window';
import {
  addSample,
  addStepEvent,
  BERTH_ACTOR,
  type CutoverStep,
  findCutoverStep,
  windowEnds,
  type RollbackReason,
  RUNNER_STATUSES,
  type StepOutcome,
  toCutoverStep,
} from './cutover-step';
import { recordShareInMigration } from './cutover-migration-file';
import { fetchStatsSnapshot, readRuntimeShare, resolveEnvoyAdminUrl, setRuntimeShare } from './envoy-admin-client';
import { sleep } from '@/lib/lifecycle/sleep';

/** A runner that has not renewed its lease for this long has stopped (its replica died or hung). */
export const RUNNER_LEASE_MS = 15_000;

/** The set of windows one process runs; shutting down (or a test's "replica dies") stops them all. */
export class RunnerRegistry {
  private readonly controllers = new Set<AbortController>();
  private readonly tasks = new Set<Promise<unknown>>();

  track(task: (signal: AbortSignal) => Promise<unknown>): void {
    const controller = new AbortController();
    this.controllers.add(controller);
    const promise = task(controller.signal)
      .catch((error: unknown) => logger.error({ err: error }, 'a cutover runner failed; another sweep will pick the step up'))
      .finally(() => {
        this.controllers.delete(controller);
        this.tasks.delete(promise);
      });
    this.tasks.add(promise);
  }

  /** Stops every window this process runs, leaving their leases to expire (as a crash would). */
  async stopAll(): Promise<void> {
    for (const controller of this.controllers) controller.abort();
    await Promise.allSettled([...this.tasks]);
  }

  get size(): number {
    return this.tasks.size;
  }
}

const holder = globalThis as typeof globalThis & { __berthCutoverRunners?: RunnerRegistry };

function processRegistry(): RunnerRegistry {
  holder.__berthCutoverRunners ??= new RunnerRegistry();
  return holder.__berthCutoverRunners;
}

/** Where steps run; each defaults to the process's own (tests pass their own, and short timings). */
export interface CutoverDeps {
  db?: BerthDb;
  repo?: ConfigRepo;
  /** host:port that replaces every migration.yaml's admin address (the sandbox's Envoy). */
  envoyEndpoint?: string | null;
  /** Simulated seconds per real second (sandbox only): a window's minutes pass this much faster. */
  timeScale?: number;
  /** Deadline of each call to Envoy's admin API (default 3,000 ms). */
  envoyTimeoutMs?: number;
  leaseMs?: number;
  heartbeatMs?: number;
  /** First wait between rollback attempts; doubles up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  runners?: RunnerRegistry;
}

export interface RunnerContext {
  db: BerthDb;
  repo: ConfigRepo;
  envoyEndpoint: string | null;
  timeScale: number;
  envoyTimeoutMs: number;
  leaseMs: number;
  heartbeatMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  runners: RunnerRegistry;
}

export async function runnerContext(deps: CutoverDeps = {}): Promise<RunnerContext> {
  const config = deps.timeScale === undefined || deps.envoyEndpoint === undefined ? getConfig() : null;
  return {
    db: deps.db ?? (await getDb()),
    repo: deps.repo ?? getConfigRepo(),
    envoyEndpoint: deps.envoyEndpoint !== undefined ? deps.envoyEndpoint : (config?.ENVOY_ADMIN_ENDPOINT ?? null),
    timeScale: deps.timeScale ?? config?.BERTH_TIME_SCALE ?? 1,
    envoyTimeoutMs: deps.envoyTimeoutMs ?? 3000,
    leaseMs: deps.leaseMs ?? RUNNER_LEASE_MS,
    heartbeatMs: deps.heartbeatMs ?? 3000,
    retryBaseMs: deps.retryBaseMs ?? 1000,
    retryMaxMs: deps.retryMaxMs ?? 30_000,
    runners: deps.runners ?? processRegistry(),
  };
}

/** The window's length in real time (the sandbox's time scale shortens it). */
export function windowMs(step: Pick<CutoverStep, 'windowMinutes'>, timeScale: number): number {
  return ((step.windowMinutes ?? 0) * 60_000) / timeScale;
}

/** How often a running window takes a snapshot: a dozen points per window, at most every 30 s. */
export function sampleEveryMs(step: Pick<CutoverStep, 'windowMinutes'>, timeScale: number): number {
  return Math.min(30_000, Math.max(250, windowMs(step, timeScale) / 12));
}

export function adminUrlOf(ctx: Pick<RunnerContext, 'envoyEndpoint'>, step: Pick<CutoverStep, 'target'>): string {
  return resolveEnvoyAdminUrl(step.target, ctx.envoyEndpoint);
}

const nowIso = () => new Date().toISOString();

export function newRunnerLease(): { runner_owner: string; runner_heartbeat_at: string } {
  return { runner_owner: randomUUID(), runner_heartbeat_at: nowIso() };
}

/** Renews the lease; aborts `lost` when the row no longer carries this token (someone took over). */
function keepLease(ctx: RunnerContext, id: number, token: string, lost: AbortController): () => void {
  const timer = setInterval(() => {
    ctx.db
      .updateTable('cutover_steps')
      .set({ runner_heartbeat_at: nowIso() })
      .where('id', '=', id)
      .where('runner_owner', '=', token)
      .executeTakeFirst()
      .then((result) => {
        if (Number(result.numUpdatedRows) !== 1) lost.abort();
      })
      .catch((error: unknown) => logger.warn({ err: error, step: id }, 'could not renew a cutover runner lease'));
  }, ctx.heartbeatMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

type StepFields = Updateable<CutoverStepsTable>;

type Db = Kysely<Database> | Transaction<Database>;

/**
 * An update only the holder of the lease can make, optionally only from `from`; `record` writes the
 * step log and the audit event in the same transaction, so a step never reads as ended without
 * them. False when this runner lost the lease.
 */
async function fenced(ctx: RunnerContext, id: number, token: string, fields: StepFields, from?: CutoverStep['status'], record?: (db: Db) => Promise<void>): Promise<boolean> {
  const run = async (db: Db) => {
    let query = db
      .updateTable('cutover_steps')
      .set((eb) => ({ ...fields, version: eb('version', '+', 1), updated_at: nowIso() }))
      .where('id', '=', id)
      .where('runner_owner', '=', token);
    if (from) query = query.where('status', '=', from);
    const won = Number((await query.executeTakeFirst()).numUpdatedRows) === 1;
    if (won && record) await record(db);
    return won;
  };
  return record ? ctx.db.transaction().execute(run) : run(ctx.db);
}

async function audit(db: Db, actor: { email: string }, action: string, step: CutoverStep, details: Record<string, unknown> = {}) {
  await recordAuditEvent(db, { actor: actor.email, action, target: `cutover-step:${step.id}`, details: { app: step.app, share: step.share, ...details } });
}

/** How a step's windows are judged: the app's threshold, and at least five GKE 5xx before a rollback. */
export function cutoverWindowOptions(step: Pick<CutoverStep, 'target'>): CutoverWindowOptions {
  return { clusters: step.target.clusters, maxExtra5xxPercent: step.target.maxExtra5xxPercent, minErrorsToJudge: MIN_ERRORS_TO_JUDGE };
}
const MIN_ERRORS_TO_JUDGE = 5;

/** Both sides' numbers: the whole window so far, and the last interval. */
async function computeNumbers(ctx: RunnerContext, step: CutoverStep): Promise<{ whole: CutoverWindow; last: CutoverWindow } | null> {
  const good = await windowEnds(ctx.db, step.id);
  if (good.length < 2) return null;
  try {
    const whole = computeCutoverWindow(good[0].snapshot!, good.at(-1)!.snapshot!, cutoverWindowOptions(step));
    const last = computeCutoverWindow(good.at(-2)!.snapshot!, good.at(-1)!.snapshot!, cutoverWindowOptions(step));
    return { whole, last };
  } catch (error) {
    if (error instanceof CutoverWindowError) {
      logger.warn({ step: step.id, err: error }, 'a cutover window could not be computed');
      return null;
    }
    throw error;
  }
}

/** Takes and stores a snapshot of the step's two clusters; null when it was taken, else why not. */
async function snapshot(ctx: RunnerContext, step: CutoverStep): Promise<string | null> {
  const taken = await fetchStatsSnapshot(adminUrlOf(ctx, step), [step.target.clusters.aptible, step.target.clusters.gke], { timeoutMs: ctx.envoyTimeoutMs });
  await addSample(ctx.db, step.id, taken.ok ? { snapshot: taken.data } : { error: taken.error.message });
  return taken.ok ? null : taken.error.message;
}

/**
 * One round of a running window: a snapshot of the step's two clusters, stored, and both sides'
 * numbers for the whole window and the last interval (null while there is nothing to compare).
 */
export async function sampleRound(ctx: RunnerContext, step: CutoverStep): Promise<{ whole: CutoverWindow; last: CutoverWindow } | null> {
  if ((await snapshot(ctx, step)) !== null) return null;
  return computeNumbers(ctx, step);
}

// ---------------------------------------------------------------------------------------------
// Starting

/**
 * Starts a step this caller holds the lease of (status "starting"): the share before, the first
 * snapshot, the share set and read back; then the window runs in the background. Ends "running",
 * "done" (100 %), "failed" (Envoy refused or could not be read: nothing changed) or "rolling-back"
 * (Envoy may have taken the change without saying so: it is set back to 0).
 */
export async function startStep(ctx: RunnerContext, step: CutoverStep, token: string): Promise<CutoverStep> {
  const lost = new AbortController();
  const stop = keepLease(ctx, step.id, token, lost);
  try {
    const adminUrl = adminUrlOf(ctx, step);
    const options = { timeoutMs: ctx.envoyTimeoutMs };
    const before = await readRuntimeShare(adminUrl, step.target.runtimeKey, options);
    if (!before.ok) return await failStart(ctx, step, token, `${before.error.message}. Nothing was changed; request the step again when Envoy answers.`);
    const unread = await snapshot(ctx, step);
    if (unread !== null) return await failStart(ctx, step, token, `Envoy's stats could not be read at the start, so the window could not be measured: ${unread} Nothing was changed.`);
    const set = await setRuntimeShare(adminUrl, step.target.runtimeKey, step.share, options);
    if (!set.ok) {
      const reason = (set.error.details as { reason?: string } | undefined)?.reason;
      // Refused outright (or never connected): Envoy holds what it held. A silent or garbled
      // answer may hide an applied change: it is set back to 0, and retried until Envoy answers.
      if (reason === 'refused' || reason === 'http-status' || reason === 'no-admin-layer' || set.error.code === 'invalid') {
        return await failStart(ctx, step, token, `${set.error.message}. Nothing was changed.`);
      }
      const moved = await fenced(
        ctx,
        step.id,
        token,
        { status: 'rolling-back', rollback_reason: 'start-unconfirmed', share_before: before.data.share, status_reason: `${set.error.message}. Envoy may have taken the change: Berth sets GKE's share back to 0.` },
        'starting',
        async (db) => {
          await addStepEvent(db, { step, actor: BERTH_ACTOR, kind: 'start-failed', body: `${set.error.message}. Setting GKE's share back to 0 to be sure.` });
          await audit(db, BERTH_ACTOR, 'cutover.start-failed', step, { error: set.error.message });
        },
      );
      if (moved) {
        stop();
        return (await rollBack(ctx, step.id, token)).step;
      }
      return (await findCutoverStep(ctx.db, step.id))!;
    }
    const now = Date.now();
    const full = step.share === 100;
    const startedAt = new Date(now).toISOString();
    const body = full
      ? `GKE has all of ${step.app}'s traffic (Envoy reads ${set.data.value}; it was ${before.data.share ?? before.data.value} %).`
      : `GKE's share set to ${step.share} % (Envoy reads ${set.data.value}; it was ${before.data.share ?? before.data.value} %) for ${step.windowMinutes} min.`;
    const moved = await fenced(
      ctx,
      step.id,
      token,
      full
        ? { status: 'done', outcome: 'at-100', share_before: before.data.share, started_at: startedAt, ended_at: startedAt, active_app: null, runner_owner: null, runner_heartbeat_at: null }
        : { status: 'running', share_before: before.data.share, started_at: startedAt, ends_at: new Date(now + windowMs(step, ctx.timeScale)).toISOString() },
      'starting',
      async (db) => {
        await addStepEvent(db, { step, actor: BERTH_ACTOR, kind: full ? 'completed' : 'started', body });
        await audit(db, BERTH_ACTOR, full ? 'cutover.complete' : 'cutover.start', step, { shareBefore: before.data.share });
      },
    );
    if (!moved) {
      // Taken over while Envoy was being set (this replica hung past its lease): whoever holds it
      // now has rolled the step back, so the share this replica just applied is undone too.
      logger.warn({ step: step.id }, 'a cutover step was taken over while it started; undoing the share this replica set');
      await setRuntimeShare(adminUrl, step.target.runtimeKey, 0, options);
      return (await findCutoverStep(ctx.db, step.id))!;
    }
    await recordShareInMigration(ctx, step, step.share, step.approvedBy);
    const started = (await findCutoverStep(ctx.db, step.id))!;
    stop();
    if (!full) ctx.runners.track((signal) => runWindow(ctx, step.id, token, signal));
    return started;
  } finally {
    stop();
  }
}

async function failStart(ctx: RunnerContext, step: CutoverStep, token: string, reason: string): Promise<CutoverStep> {
  await fenced(ctx, step.id, token, { status: 'failed', status_reason: reason, ended_at: nowIso(), active_app: null, runner_owner: null, runner_heartbeat_at: null }, 'starting', async (db) => {
    await addStepEvent(db, { step, actor: BERTH_ACTOR, kind: 'start-failed', body: reason });
    await audit(db, BERTH_ACTOR, 'cutover.start-failed', step, { reason });
  });
  return (await findCutoverStep(ctx.db, step.id))!;
}

// ---------------------------------------------------------------------------------------------
// The window

/** Takes a snapshot every few seconds until the window ends or GKE's 5xx rate calls for a rollback. */
export async function runWindow(ctx: RunnerContext, id: number, token: string, signal: AbortSignal): Promise<void> {
  const lost = new AbortController();
  const stopped = AbortSignal.any([signal, lost.signal]);
  const stop = keepLease(ctx, id, token, lost);
  try {
    for (;;) {
      if (stopped.aborted) return;
      const step = await findCutoverStep(ctx.db, id);
      if (!step || step.status !== 'running' || !step.endsAt) return;
      const left = Date.parse(step.endsAt) - Date.now();
      if (left <= 0) {
        stop();
        await beginRollback(ctx, step, token, 'window-end', `The ${step.windowMinutes}-minute window ended: GKE's share back to 0.`, signal);
        return;
      }
      await sleep(Math.min(sampleEveryMs(step, ctx.timeScale), left), stopped);
      if (stopped.aborted) return;
      // A window that just ended is measured by its final snapshot in beginRollback.
      if (Date.parse(step.endsAt) <= Date.now()) continue;
      const numbers = await sampleRound(ctx, step);
      if (!numbers) continue;
      if (!(await fenced(ctx, id, token, { numbers: JSON.stringify(numbers.whole) }, 'running'))) return;
      const spike = [numbers.last, numbers.whole].find((w) => w.verdict.kind === 'rollback');
      if (spike) {
        stop();
        await beginRollback(ctx, step, token, 'gke-5xx', `Rolled back early: ${spike.verdict.message}`, signal, false);
        return;
      }
    }
  } finally {
    stop();
  }
}

/**
 * Moves a running step this caller holds to "rolling-back" (with a final snapshot first, so the
 * window's numbers cover all the time GKE had its share), then sets the share back to 0.
 */
async function beginRollback(ctx: RunnerContext, step: CutoverStep, token: string, reason: RollbackReason, message: string, signal: AbortSignal, finalSnapshot = true): Promise<void> {
  if (finalSnapshot) await snapshot(ctx, step);
  const numbers = await computeNumbers(ctx, step);
  const moved = await fenced(ctx, step.id, token, { status: 'rolling-back', rollback_reason: reason, status_reason: message, ...(numbers ? { numbers: JSON.stringify(numbers.whole) } : {}) }, 'running');
  if (!moved) return;
  await rollBack(ctx, step.id, token, signal);
}

// ---------------------------------------------------------------------------------------------
// Rolling back

const OUTCOME: Record<RollbackReason, StepOutcome> = {
  'window-end': 'window-ended',
  'gke-5xx': 'rolled-back-5xx',
  'by-hand': 'rolled-back-by-hand',
  restart: 'rolled-back-after-restart',
  'start-unconfirmed': 'rolled-back-after-restart',
};

/**
 * Sets GKE's share back to 0 for a step in "rolling-back" this caller holds. Resolves after the
 * first attempt (`reached`: Envoy took it); when Envoy cannot be reached it keeps retrying in
 * the background with backoff, recording each failure on the step, until it answers.
 */
export async function rollBack(ctx: RunnerContext, id: number, token: string, signal?: AbortSignal): Promise<{ reached: boolean; step: CutoverStep }> {
  const first = await attemptRollback(ctx, id, token);
  if (first !== 'failed') return { reached: first === 'done', step: (await findCutoverStep(ctx.db, id))! };
  ctx.runners.track(async (stopSignal) => {
    const lost = new AbortController();
    const stopped = AbortSignal.any([stopSignal, lost.signal, ...(signal ? [signal] : [])]);
    const stop = keepLease(ctx, id, token, lost);
    try {
      for (let attempt = 1; !stopped.aborted; attempt++) {
        await sleep(Math.min(ctx.retryMaxMs, ctx.retryBaseMs * 2 ** Math.min(attempt - 1, 16)), stopped);
        if (stopped.aborted) return;
        if ((await attemptRollback(ctx, id, token)) !== 'failed') return;
      }
    } finally {
      stop();
    }
  });
  return { reached: false, step: (await findCutoverStep(ctx.db, id))! };
}

async function attemptRollback(ctx: RunnerContext, id: number, token: string): Promise<'done' | 'failed' | 'lost'> {
  const step = await findCutoverStep(ctx.db, id);
  if (!step || step.status !== 'rolling-back') return 'lost';
  const result = await setRuntimeShare(adminUrlOf(ctx, step), step.target.runtimeKey, 0, { timeoutMs: ctx.envoyTimeoutMs });
  if (!result.ok) {
    const firstFailure = step.rollback.error === null;
    const since = step.rollback.failingSince ?? nowIso();
    const recorded = await fenced(
      ctx,
      id,
      token,
      { rollback_attempts: step.rollback.attempts + 1, rollback_error: result.error.message, rollback_failing_since: since },
      'rolling-back',
      // The first failure goes to the step log and the audit trail; every attempt is counted on the step.
      firstFailure
        ? async (db) => {
            await addStepEvent(db, { step, actor: BERTH_ACTOR, kind: 'rollback-failed', body: `Could not set GKE's share back to 0: ${result.error.message}. GKE may still have ${step.share} % of the traffic; Berth keeps trying.` });
            await audit(db, BERTH_ACTOR, 'cutover.rollback-failed', step, { error: result.error.message });
          }
        : undefined,
    );
    if (!recorded) return 'lost';
    logger.error({ step: id, app: step.app, attempts: step.rollback.attempts + 1, error: result.error.message }, `cannot reach Envoy to set ${step.app}'s GKE share back to 0; retrying`);
    return 'failed';
  }
  const numbers = step.numbers;
  const reason = step.rollbackReason ?? 'by-hand';
  const retried = step.rollback.attempts > 0 ? ` Envoy answered after ${step.rollback.attempts + 1} attempts (failing since ${step.rollback.failingSince}).` : '';
  const actor = reason === 'by-hand' && step.rollbackBy ? step.rollbackBy : BERTH_ACTOR;
  const body =
    {
      'by-hand': `${step.rollbackBy?.name ?? 'Someone'} rolled back: GKE's share back to 0.`,
      'window-end': `The ${step.windowMinutes}-minute window ended: GKE's share back to 0.`,
      'gke-5xx': `${step.statusReason ?? 'Rolled back early.'} GKE's share back to 0.`,
      restart: `Berth stopped while starting this step: GKE's share set back to 0 to be safe.`,
      'start-unconfirmed': `Envoy did not confirm the change: GKE's share set back to 0 to be safe.`,
    }[reason] + retried;
  const finished = await fenced(
    ctx,
    id,
    token,
    { status: 'done', outcome: OUTCOME[reason], ended_at: nowIso(), active_app: null, runner_owner: null, runner_heartbeat_at: null, rollback_error: null },
    'rolling-back',
    async (db) => {
      await addStepEvent(db, { step, actor, kind: reason === 'window-end' ? 'completed' : 'rolled-back', body, numbers });
      await audit(db, actor, reason === 'window-end' ? 'cutover.complete' : 'cutover.rollback', step, { outcome: OUTCOME[reason], attempts: step.rollback.attempts + 1, verdict: numbers?.verdict.kind ?? null });
    },
  );
  if (!finished) return 'lost';
  await recordShareInMigration(ctx, step, 0, actor === BERTH_ACTOR ? null : actor);
  return 'done';
}

// ---------------------------------------------------------------------------------------------
// Recovery

/**
 * Finds steps whose runner stopped (lease expired), takes each over with a compare-and-set on its
 * version and continues it: a running window resumes (or ends, if its time is up), a rollback is
 * retried, and a step that was starting is rolled back (Berth cannot know whether Envoy took it).
 * Safe on every replica at once. Returns how many steps this call took.
 */
export async function recoverCutoverSteps(deps: CutoverDeps = {}): Promise<number> {
  const ctx = await runnerContext(deps);
  const cutoff = new Date(Date.now() - ctx.leaseMs).toISOString();
  const rows = await ctx.db
    .selectFrom('cutover_steps')
    .selectAll()
    .where('status', 'in', [...RUNNER_STATUSES])
    .where((eb) => eb.or([eb('runner_heartbeat_at', 'is', null), eb('runner_heartbeat_at', '<', cutoff)]))
    .orderBy('id')
    .limit(20)
    .execute();
  let taken = 0;
  for (const row of rows) {
    const step = toCutoverStep(row);
    const lease = newRunnerLease();
    const fromStarting = step.status === 'starting';
    const claim = await ctx.db
      .updateTable('cutover_steps')
      .set({
        ...lease,
        ...(fromStarting ? { status: 'rolling-back', rollback_reason: 'restart', status_reason: 'Berth stopped while starting this step: GKE\'s share is set back to 0 to be safe.' } : {}),
        version: step.version + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', step.id)
      .where('version', '=', step.version)
      .where('status', '=', step.status)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another replica took it
    taken++;
    logger.warn({ step: step.id, app: step.app, status: step.status, lastHeartbeat: step.runnerHeartbeatAt }, 'a cutover step was left by a runner that stopped; continuing it');
    await addStepEvent(ctx.db, { step, actor: BERTH_ACTOR, kind: 'resumed', body: `The Berth replica running this step stopped (last heard ${step.runnerHeartbeatAt ?? 'never'}); another one continues it (${fromStarting ? 'rolling back' : step.status}).` });
    const token = lease.runner_owner;
    if (step.status === 'running') ctx.runners.track((signal) => runWindow(ctx, step.id, token, signal));
    else ctx.runners.track(async (signal) => rollBack(ctx, step.id, token, signal));
  }
  return taken;
}

/** Every replica looks for steps whose runner stopped, at start-up and every few seconds. */
export function startCutoverRunner(): void {
  repeatInBackground({
    name: 'cutover-runner',
    everyMs: 5_000,
    run: () => recoverCutoverSteps(),
    failure: 'could not look for cutover steps left by a stopped runner; retrying shortly',
    // Windows stop with the process; their leases expire and the next replica continues them.
    stop: () => processRegistry().stopAll(),
  });
}
