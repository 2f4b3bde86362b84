import 'server-only';
// A step of an app's Envoy cutover ladder as Berth stores it (migration 035): the step, its
// snapshots of Envoy's stats, and the step log. Store primitives take the database first.
//
// Why a table of its own rather than a change request kind: a change request is a diff of one
// values file, approved by its hash and merged into git; a step is an action on Envoy with a time
// window, no diff and no commit — the inbox, the change page and the merge recovery would each need
// a branch for it. So the step mirrors the change request's rules instead of its table: the same
// policy rule (a second person on the owning team approves, never the requester), every transition
// a compare-and-set on the row's version (one winner across replicas), and the approval's
// compare-and-set also takes a lease (runner_owner + runner_heartbeat_at, as merge_owner does) that
// the replica running the window renews; any replica takes over a step whose lease expired.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CutoverStepEventsTable, CutoverStepsTable, Database } from '@/lib/db/schema';
import type { CutoverWindow } from './cutover-window';
import type { ClusterCounters, StatsSnapshot } from './stats-snapshot';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * requested → starting (approved; Berth is setting the share) → running (the window) →
 * rolling-back (setting the share back to 0) → done. Also: requested → rejected | withdrawn,
 * starting → failed (Envoy refused; nothing changed). The 100 % step goes starting → done.
 */
export const STEP_STATUSES = ['requested', 'starting', 'running', 'rolling-back', 'done', 'failed', 'rejected', 'withdrawn'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The statuses during which the app's active_app is held: no second step meanwhile. */
export const ACTIVE_STATUSES: readonly StepStatus[] = ['requested', 'starting', 'running', 'rolling-back'];
/** The statuses a runner owns (lease): resumed by another replica when the lease expires. */
export const RUNNER_STATUSES: readonly StepStatus[] = ['starting', 'running', 'rolling-back'];

/** Why a step ended. */
export type StepOutcome =
  /** The window ran its full length; GKE's share went back to 0. */
  | 'window-ended'
  /** GKE's 5xx rate exceeded Aptible's by more than the threshold: back to 0 early. */
  | 'rolled-back-5xx'
  /** Someone on the team rolled it back. */
  | 'rolled-back-by-hand'
  /** Berth stopped while starting the step; the replica that took over set the share back to 0. */
  | 'rolled-back-after-restart'
  /** The 100 % step: GKE has all the traffic, no window. */
  | 'at-100';

export type RollbackReason = 'window-end' | 'gke-5xx' | 'by-hand' | 'restart' | 'start-unconfirmed';

export interface CutoverTarget {
  envoyAdmin: string;
  runtimeKey: string;
  clusters: { aptible: string; gke: string };
  maxExtra5xxPercent: number;
}

export interface CutoverStep {
  id: number;
  app: string;
  share: number;
  windowMinutes: number | null;
  reason: string;
  target: CutoverTarget;
  requestedBy: { email: string; name: string };
  approvedBy: { email: string; name: string } | null;
  approvedAt: string | null;
  status: StepStatus;
  outcome: StepOutcome | null;
  statusReason: string | null;
  shareBefore: number | null;
  startedAt: string | null;
  endsAt: string | null;
  endedAt: string | null;
  rollbackReason: RollbackReason | null;
  rollbackBy: { email: string; name: string } | null;
  rollback: { attempts: number; error: string | null; failingSince: string | null };
  /** The whole window so far: first snapshot to the latest. */
  numbers: CutoverWindow | null;
  runnerHeartbeatAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type StepEventKind =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'started'
  | 'start-failed'
  | 'resumed'
  | 'rollback-started'
  | 'rollback-failed'
  | 'rolled-back'
  | 'completed'
  /** Envoy changed but migration.yaml could not be committed (the repository refused). */
  | 'file-not-updated';

export interface StepEvent {
  id: number;
  stepId: number;
  actor: { email: string; name: string };
  kind: StepEventKind;
  body: string | null;
  numbers: CutoverWindow | null;
  time: string;
}

/** Berth itself, for what the runner does on its own (window end, 5xx rollback, retries). */
export const BERTH_ACTOR = { name: 'Berth', email: 'berth@meridiancare.example' };

export function toCutoverStep(row: Selectable<CutoverStepsTable>): CutoverStep {
  return {
    id: Number(row.id),
    app: row.app,
    share: Number(row.share),
    windowMinutes: row.window_minutes === null ? null : Number(row.window_minutes),
    reason: row.reason,
    target: JSON.parse(row.target) as CutoverTarget,
    requestedBy: { email: row.requested_by_email, name: row.requested_by_name },
    approvedBy: row.approved_by_email ? { email: row.approved_by_email, name: row.approved_by_name ?? row.approved_by_email } : null,
    approvedAt: row.approved_at,
    status: row.status as StepStatus,
    outcome: row.outcome as StepOutcome | null,
    statusReason: row.status_reason,
    shareBefore: row.share_before === null ? null : Number(row.share_before),
    startedAt: row.started_at,
    endsAt: row.ends_at,
    endedAt: row.ended_at,
    rollbackReason: row.rollback_reason as RollbackReason | null,
    rollbackBy: row.rollback_by_email ? { email: row.rollback_by_email, name: row.rollback_by_name ?? row.rollback_by_email } : null,
    rollback: { attempts: Number(row.rollback_attempts), error: row.rollback_error, failingSince: row.rollback_failing_since },
    numbers: row.numbers ? (JSON.parse(row.numbers) as CutoverWindow) : null,
    runnerHeartbeatAt: row.runner_heartbeat_at,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findCutoverStep(db: Db, id: number): Promise<CutoverStep | null> {
  const row = await db.selectFrom('cutover_steps').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCutoverStep(row) : null;
}

/** The app's step under way (requested, starting, running or rolling back), if any. */
export async function findActiveStep(db: Db, app: string): Promise<CutoverStep | null> {
  const row = await db.selectFrom('cutover_steps').selectAll().where('active_app', '=', app).executeTakeFirst();
  return row ? toCutoverStep(row) : null;
}

export async function listAppSteps(db: Db, app: string, limit = 20): Promise<CutoverStep[]> {
  const rows = await db.selectFrom('cutover_steps').selectAll().where('app', '=', app).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toCutoverStep);
}

function toEvent(row: Selectable<CutoverStepEventsTable>): StepEvent {
  return {
    id: Number(row.id),
    stepId: Number(row.step_id),
    actor: { email: row.actor_email, name: row.actor_name },
    kind: row.kind as StepEventKind,
    body: row.body,
    numbers: row.numbers ? (JSON.parse(row.numbers) as CutoverWindow) : null,
    time: row.created_at,
  };
}

export async function addStepEvent(
  db: Db,
  event: { step: Pick<CutoverStep, 'id' | 'app'>; actor: { email: string; name: string }; kind: StepEventKind; body?: string | null; numbers?: CutoverWindow | null },
): Promise<void> {
  await db
    .insertInto('cutover_step_events')
    .values({
      step_id: event.step.id,
      app: event.step.app,
      actor_email: event.actor.email,
      actor_name: event.actor.name,
      kind: event.kind,
      body: event.body ?? null,
      numbers: event.numbers ? JSON.stringify(event.numbers) : null,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** The app's step log, newest first. */
export async function listStepLog(db: Db, app: string, limit = 100): Promise<StepEvent[]> {
  const rows = await db.selectFrom('cutover_step_events').selectAll().where('app', '=', app).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toEvent);
}

export async function listStepEvents(db: Db, stepId: number): Promise<StepEvent[]> {
  const rows = await db.selectFrom('cutover_step_events').selectAll().where('step_id', '=', stepId).orderBy('id', 'asc').execute();
  return rows.map(toEvent);
}

// Snapshots: the two clusters' counters as JSON (+Inf bucket bounds as null).
type StoredCounters = Record<string, { requests: number; byClass: ClusterCounters['byClass']; latency: { buckets: [number | null, number][]; count: number; sumMs: number } | null }>;

export function serializeSnapshot(snapshot: StatsSnapshot): string {
  const out: StoredCounters = {};
  for (const [name, c] of snapshot.clusters) {
    out[name] = {
      requests: c.requests,
      byClass: c.byClass,
      latency: c.latency ? { buckets: c.latency.buckets.map((b) => [Number.isFinite(b.le) ? b.le : null, b.count]), count: c.latency.count, sumMs: c.latency.sumMs } : null,
    };
  }
  return JSON.stringify(out);
}

export function deserializeSnapshot(takenAt: string, text: string): StatsSnapshot {
  const stored = JSON.parse(text) as StoredCounters;
  const clusters = new Map<string, ClusterCounters>();
  for (const [name, c] of Object.entries(stored)) {
    clusters.set(name, {
      requests: c.requests,
      byClass: c.byClass,
      latency: c.latency ? { buckets: c.latency.buckets.map(([le, count]) => ({ le: le ?? Number.POSITIVE_INFINITY, count })), count: c.latency.count, sumMs: c.latency.sumMs } : null,
    });
  }
  return { takenAt: Date.parse(takenAt), clusters };
}

export interface StoredSample {
  id: number;
  takenAt: string;
  snapshot: StatsSnapshot | null;
  error: string | null;
}

export async function addSample(db: Db, stepId: number, sample: { snapshot: StatsSnapshot } | { error: string }): Promise<void> {
  await db
    .insertInto('cutover_samples')
    .values({
      step_id: stepId,
      taken_at: new Date('snapshot' in sample ? sample.snapshot.takenAt : Date.now()).toISOString(),
      counters: 'snapshot' in sample ? serializeSnapshot(sample.snapshot) : null,
      error: 'error' in sample ? sample.error : null,
    })
    .execute();
}

export async function listSamples(db: Db, stepId: number): Promise<StoredSample[]> {
  const rows = await db.selectFrom('cutover_samples').selectAll().where('step_id', '=', stepId).orderBy('id', 'asc').execute();
  return rows.map((row) => ({ id: Number(row.id), takenAt: row.taken_at, snapshot: row.counters ? deserializeSnapshot(row.taken_at, row.counters) : null, error: row.error }));
}

/**
 * The snapshots a window's numbers need: the first one and the last two that were read (failed
 * snapshots left out), whatever the window's length — three rows, not the whole window.
 */
export async function windowEnds(db: Db, stepId: number): Promise<StoredSample[]> {
  const good = () => db.selectFrom('cutover_samples').selectAll().where('step_id', '=', stepId).where('counters', 'is not', null);
  const [first, lastTwo] = await Promise.all([good().orderBy('id', 'asc').limit(1).execute(), good().orderBy('id', 'desc').limit(2).execute()]);
  const rows = [...first, ...lastTwo.reverse().filter((row) => Number(row.id) !== Number(first[0]?.id))];
  return rows.map((row) => ({ id: Number(row.id), takenAt: row.taken_at, snapshot: deserializeSnapshot(row.taken_at, row.counters!), error: null }));
}
