import 'server-only';
// The cutover ladder's production changes: ask for a step (GKE at N % for M minutes, or the last
// step, 100 %), approve it (a second person; Berth then runs it), reject or withdraw it, roll it
// back with one click. Each is refused with the reason and writes nothing when it cannot be done:
// no approval, a share outside 1–100, a second step while one is under way (the database's unique
// active_app decides), an Envoy that does not answer within its deadline. cutover-runner.ts runs
// the window; cutover-step.ts says why steps have a table of their own.
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App } from '@/lib/catalog/types';
import { fail, ok, type Result } from '@/lib/result/result';
import { ACTIVE_STATUSES, addStepEvent, type CutoverStep, type CutoverTarget, findActiveStep, findCutoverStep } from './cutover-step';
import { adminUrlOf, type CutoverDeps, newRunnerLease, type RunnerContext, rollBack, runnerContext, startStep } from './cutover-runner';
import { readRuntimeShare } from './envoy-admin-client';
import { isAtLeast } from './migration-file';
import { readMigration } from './read-migrations';

export type StepResult = Result<CutoverStep>;

const nowIso = () => new Date().toISOString();

async function findApp(ctx: RunnerContext, name: string): Promise<App | null> {
  const catalog = await loadCatalog(ctx.repo);
  return catalog.apps.find((a) => a.name === name) ?? null;
}

/** The step and its app, which the policy needs to say who may decide on it or roll it back. */
async function stepWithApp(ctx: RunnerContext, id: number): Promise<Result<{ step: CutoverStep; app: App }, never>> {
  const step = await findCutoverStep(ctx.db, id);
  if (!step) return fail('not-found', 'There is no such cutover step.');
  const app = await findApp(ctx, step.app);
  if (!app) return fail('not-found', `The app ${step.app} no longer exists.`);
  return ok({ step, app });
}

async function audit(ctx: RunnerContext, user: { email: string }, action: string, step: Pick<CutoverStep, 'id' | 'app' | 'share'>, details: Record<string, unknown> = {}) {
  await recordAuditEvent(ctx.db, { actor: user.email, action, target: `cutover-step:${step.id}`, details: { app: step.app, share: step.share, ...details } });
}

/** Envoy answers within its deadline, or the refusal that says so (nothing is written). */
async function envoyAnswers(ctx: RunnerContext, step: Pick<CutoverStep, 'target'>, nothing: string): Promise<Result<{ share: number | null }>> {
  const read = await readRuntimeShare(adminUrlOf(ctx, step), step.target.runtimeKey, { timeoutMs: ctx.envoyTimeoutMs });
  if (read.ok) return ok({ share: read.data.share });
  return fail('unavailable', `${read.error.message}. ${nothing}`, { details: read.error.details });
}

export interface RequestStepInput {
  app: string;
  share: number;
  windowMinutes?: number;
  reason: string;
}

/** The owning team asks for a step; it waits for a second person's approval. */
export async function requestStep(user: BerthUser, input: RequestStepInput, deps: CutoverDeps = {}): Promise<StepResult> {
  const ctx = await runnerContext(deps);
  const app = await findApp(ctx, input.app);
  if (!app) return fail('not-found', `There is no app named ${input.app}.`);
  const decision = decide(user, 'cutover.request', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (!Number.isInteger(input.share) || input.share < 1 || input.share > 100) {
    return fail('invalid', `GKE's share must be a whole percent from 1 to 100 (got ${String(input.share)}).`, { fieldErrors: { share: ['A whole percent from 1 to 100.'] } });
  }
  const reason = input.reason.trim();
  if (!reason) return fail('invalid', 'Say why: the working group reads it in the step log.', { fieldErrors: { reason: ['Say why.'] } });

  const migration = await readMigration(ctx.repo, app.name);
  if (migration.status === 'absent') return fail('invalid', `${app.name} has no migration.yaml: its move from Aptible is not set up in the config repository.`);
  if (migration.status === 'invalid') return fail('invalid', `${app.name}'s migration.yaml has problems (line ${migration.problems[0].line}: ${migration.problems[0].message}); fix it before moving traffic.`);
  const file = migration.migration;
  if (!file.cutover) return fail('invalid', `${app.name}'s migration.yaml names no Envoy route (cutover: admin address, runtime key, clusters), so Berth cannot move its traffic.`);
  if (!isAtLeast(file.state, 'validated-in-stage')) return fail('invalid', `${app.name} is not validated in stage yet (its state is ${file.state}): its team validates it before any production traffic moves.`);
  if (file.state === 'gke-100') return fail('invalid', `GKE already has all of ${app.name}'s traffic (state gke-100): the ladder is climbed.`);
  if (isAtLeast(file.state, 'aptible-deprovisioned')) return fail('invalid', `${app.name}'s Aptible app is deprovisioned: there is nothing left to move traffic from.`);
  const windowMinutes = input.share === 100 ? null : (input.windowMinutes ?? file.cutover.stepWindowMinutes);
  const target: CutoverTarget = { envoyAdmin: file.cutover.envoyAdmin, runtimeKey: file.cutover.runtimeKey, clusters: file.cutover.clusters, maxExtra5xxPercent: file.cutover.maxExtra5xxPercent };

  const active = await findActiveStep(ctx.db, app.name);
  if (active) return oneAtATime(active);
  const envoy = await envoyAnswers(ctx, { target }, 'Nothing was requested.');
  if (!envoy.ok) return envoy;

  const now = nowIso();
  let id: number;
  try {
    const inserted = await ctx.db
      .insertInto('cutover_steps')
      .values({
        app: app.name,
        active_app: app.name,
        share: input.share,
        window_minutes: windowMinutes,
        reason,
        target: JSON.stringify(target),
        requested_by_email: user.email,
        requested_by_name: user.name,
        status: 'requested',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(inserted.id);
  } catch (error) {
    // The unique active_app: another step on this app was requested at the same moment.
    const other = await findActiveStep(ctx.db, app.name);
    if (other) return oneAtATime(other);
    throw error;
  }
  const step = (await findCutoverStep(ctx.db, id))!;
  await addStepEvent(ctx.db, { step, actor: user, kind: 'requested', body: reason });
  await audit(ctx, user, 'cutover.request', step, { windowMinutes, envoyShareNow: envoy.data.share });
  return ok(step);
}

function oneAtATime(active: CutoverStep): StepResult {
  const what = active.status === 'requested' ? 'waits for approval' : active.status === 'rolling-back' ? 'is being rolled back' : 'is running';
  return fail('conflict', `Step #${active.id} (GKE at ${active.share} %) on ${active.app} ${what}: one step at a time. ${active.status === 'requested' ? 'Withdraw or reject it first.' : 'Wait for it to end, or roll it back.'}`, {
    details: { stepId: active.id, status: active.status },
  });
}

/**
 * A second person approves; Berth starts the step at once (share set and read back, the first
 * snapshot) and runs its window. Only the caller whose compare-and-set moves the step from
 * requested to starting runs it — the lease is taken in the same update.
 */
export async function approveStep(user: BerthUser, input: { id: number; comment?: string }, deps: CutoverDeps = {}): Promise<StepResult> {
  const ctx = await runnerContext(deps);
  const found = await stepWithApp(ctx, input.id);
  if (!found.ok) return found;
  const { step, app } = found.data;
  const decision = decide(user, 'cutover.approve', { app, requesterEmail: step.requestedBy.email });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (step.status !== 'requested') return fail('conflict', `This step is ${step.status}; it cannot be approved.`);
  const envoy = await envoyAnswers(ctx, step, 'Nothing was approved or changed; the step still waits for approval.');
  if (!envoy.ok) return envoy;

  const lease = newRunnerLease();
  const claim = await ctx.db
    .updateTable('cutover_steps')
    .set({ status: 'starting', approved_by_email: user.email, approved_by_name: user.name, approved_at: nowIso(), ...lease, version: step.version + 1, updated_at: nowIso() })
    .where('id', '=', step.id)
    .where('version', '=', step.version)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return fail('conflict', 'Someone acted on this step at the same time; reload it.');
  await addStepEvent(ctx.db, { step, actor: user, kind: 'approved', body: input.comment ?? null });
  await audit(ctx, user, 'cutover.approve', step);
  const started = await startStep(ctx, { ...step, status: 'starting', approvedBy: { email: user.email, name: user.name }, version: step.version + 1 }, lease.runner_owner);
  if (started.status === 'failed') return fail('unavailable', started.statusReason ?? 'Envoy did not take the change; nothing was changed.', { details: { step: started } });
  return ok(started);
}

export async function rejectStep(user: BerthUser, input: { id: number; reason: string }, deps: CutoverDeps = {}): Promise<StepResult> {
  const ctx = await runnerContext(deps);
  const found = await stepWithApp(ctx, input.id);
  if (!found.ok) return found;
  const { step, app } = found.data;
  const decision = decide(user, 'cutover.approve', { app, requesterEmail: step.requestedBy.email });
  if (!decision.allowed) return fail('forbidden', decision.reason.replace('approve', 'reject'));
  return closeRequested(ctx, user, step, 'rejected', input.reason);
}

export async function withdrawStep(user: BerthUser, input: { id: number }, deps: CutoverDeps = {}): Promise<StepResult> {
  const ctx = await runnerContext(deps);
  const step = await findCutoverStep(ctx.db, input.id);
  if (!step) return fail('not-found', 'There is no such cutover step.');
  if (step.requestedBy.email !== user.email) return fail('forbidden', 'Only the person who asked for the step can withdraw it.');
  return closeRequested(ctx, user, step, 'withdrawn', null);
}

async function closeRequested(ctx: RunnerContext, user: BerthUser, step: CutoverStep, to: 'rejected' | 'withdrawn', reason: string | null): Promise<StepResult> {
  const result = await ctx.db
    .updateTable('cutover_steps')
    .set({ status: to, status_reason: reason, active_app: null, ended_at: nowIso(), version: step.version + 1, updated_at: nowIso() })
    .where('id', '=', step.id)
    .where('version', '=', step.version)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return fail('conflict', `This step is ${step.status}; it cannot be ${to}.`);
  await addStepEvent(ctx.db, { step, actor: user, kind: to, body: reason });
  await audit(ctx, user, `cutover.${to === 'rejected' ? 'reject' : 'withdraw'}`, step);
  return ok((await findCutoverStep(ctx.db, step.id))!);
}

/**
 * Anyone on the team sets GKE's share back to 0 now. The compare-and-set takes the step from the
 * replica running its window (a new lease token), so that one stops and only this one rolls back.
 * When Envoy cannot be reached the answer says so; Berth keeps retrying in the background.
 */
export async function rollbackStep(user: BerthUser, input: { id: number }, deps: CutoverDeps = {}): Promise<StepResult> {
  const ctx = await runnerContext(deps);
  const found = await stepWithApp(ctx, input.id);
  if (!found.ok) return found;
  const { step, app } = found.data;
  const decision = decide(user, 'cutover.rollback', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (step.status === 'rolling-back') return fail('conflict', `This step is already being rolled back${step.rollback.error ? ` (Envoy has not answered since ${step.rollback.failingSince}; Berth keeps trying)` : ''}.`);
  if (step.status === 'starting') return fail('conflict', 'This step is starting (Berth is setting the share in Envoy): roll it back once it runs, in a moment.');
  if (step.status !== 'running') return fail('conflict', `This step is ${ACTIVE_STATUSES.includes(step.status) ? step.status : `over (${step.status})`}: there is nothing to roll back.`);

  const lease = newRunnerLease();
  const claim = await ctx.db
    .updateTable('cutover_steps')
    .set({ status: 'rolling-back', rollback_reason: 'by-hand', rollback_by_email: user.email, rollback_by_name: user.name, status_reason: `Rolled back by ${user.name}.`, ...lease, version: step.version + 1, updated_at: nowIso() })
    .where('id', '=', step.id)
    .where('version', '=', step.version)
    .where('status', '=', 'running')
    .executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) {
    const now = await findCutoverStep(ctx.db, step.id);
    return fail('conflict', now?.status === 'rolling-back' ? 'This step is already being rolled back.' : `This step is ${now?.status ?? 'gone'} now; reload it.`);
  }
  await addStepEvent(ctx.db, { step, actor: user, kind: 'rollback-started', body: `${user.name} asked for GKE's share back to 0.` });
  await audit(ctx, user, 'cutover.rollback-request', step);
  const result = await rollBack(ctx, step.id, lease.runner_owner);
  if (!result.reached) {
    return fail(
      'unavailable',
      `Berth could not reach Envoy to set GKE's share back to 0: ${result.step.rollback.error ?? 'no answer'}. GKE may still have ${step.share} % of ${step.app}'s traffic. Berth keeps trying and records each attempt.`,
      { details: { step: result.step } },
    );
  }
  return ok(result.step);
}

/** True when the app's 100 % step completed: the condition for "Aptible deprovisioned". */
export async function hasCompletedFullCutover(db: RunnerContext['db'], app: string): Promise<boolean> {
  const row = await db.selectFrom('cutover_steps').select('id').where('app', '=', app).where('share', '=', 100).where('status', '=', 'done').where('outcome', '=', 'at-100').executeTakeFirst();
  return row !== undefined;
}
