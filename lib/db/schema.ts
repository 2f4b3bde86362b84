// Table shapes as Kysely sees them. Times are ISO-8601 UTC strings and ids are text, so the same
// queries run on SQLite and PostgreSQL and sort the same way.
import type { Generated } from 'kysely';

export interface AuditEventsTable {
  id: string;
  actor: string;
  action: string;
  target: string;
  /** JSON text. */
  details: string;
  created_at: string;
  /** Insertion order; ties on created_at are common within a millisecond. */
  seq: Generated<number>;
}

/** Working-group feedback (migration 002). Ids come back as strings from PostgreSQL bigints: read them with Number(). */
export interface FeedbackItemsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  description: string;
  severity: string | null;
  /** 0 or 1. */
  worked_on_aptible: number;
  app: string | null;
  environment: string | null;
  guide: string | null;
  session: string | null;
  page: string | null;
  /** The team it concerns: the app's owner, else the reporter's team. */
  team: string | null;
  reporter_email: string;
  reporter_name: string;
  reporter_team: string | null;
  status: string;
  owner_email: string | null;
  owner_name: string | null;
  /** 0 or 1. */
  known_issue: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface FeedbackUpdatesTable {
  id: Generated<number>;
  item_id: number;
  actor_email: string;
  actor_name: string;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  body: string | null;
  created_at: string;
}

export interface FeedbackVotesTable {
  item_id: number;
  email: string;
  created_at: string;
}

export interface FeedbackReadsTable {
  item_id: number;
  email: string;
  seen_update_id: number;
}

export interface SessionFeedbackTable {
  id: Generated<number>;
  session_id: string;
  email: string;
  name: string;
  team: string | null;
  rating: number;
  clear: string;
  unclear: string;
  next_topics: string;
  created_at: string;
  updated_at: string;
}

export interface GuideFeedbackTable {
  id: Generated<number>;
  guide: string;
  email: string;
  name: string;
  /** 0 or 1. */
  helpful: number;
  reason: string | null;
  comment: string;
  created_at: string;
  updated_at: string;
}

/** Production values changes waiting for a second person (migration 004). */
export interface ChangeRequestsTable {
  id: Generated<number>;
  app: string;
  file_name: string;
  file_path: string;
  /** JSON array of environment names the file affects. */
  environments: string;
  title: string;
  author_email: string;
  author_name: string;
  base_revision: string;
  base_text: string;
  proposed_text: string;
  /** sha256 of base revision, path, base text and proposed text: what an approval is bound to. */
  diff_hash: string;
  /** JSON ValuesChangeEvaluation at the time of the last proposal or merge attempt. */
  evaluation: string;
  status: string;
  status_reason: string | null;
  merged_revision: string | null;
  /** The commit Berth wrote for this request (null: none, e.g. the file already held the proposal). */
  merge_commit: string | null;
  /** While approved: the token of the merge in progress (merge-change.ts), and its last heartbeat. */
  merge_owner: string | null;
  merge_heartbeat_at: string | null;
  /** Bumped on every transition: two replicas cannot both move the same request. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ChangeRequestEventsTable {
  id: Generated<number>;
  change_id: number;
  actor_email: string;
  actor_name: string;
  kind: string;
  body: string | null;
  diff_hash: string | null;
  created_at: string;
}

/** "Mark as read" on the guides (migration 003). */
export interface GuideReadsTable {
  user_email: string;
  guide_slug: string;
  read_at: string;
}

/** Break-glass and "show unmasked" grants on an app's logs (migration 020). */
export interface LogAccessGrantsTable {
  id: Generated<number>;
  /** 'break-glass' | 'unmask'. */
  kind: string;
  app: string;
  environment: string;
  email: string;
  name: string;
  team: string | null;
  reason: string;
  created_at: string;
  expires_at: string;
}

/** An owning-team member has seen the notice of a break-glass grant (migration 020). */
export interface LogAccessNoticesSeenTable {
  grant_id: number;
  email: string;
  seen_at: string;
}

/** One app's verdict in one environment at one moment, sampled from the status caches (migration 030). */
export interface AppStatusSamplesTable {
  id: Generated<number>;
  app: string;
  environment: string;
  /** A HealthVerdict: healthy, progressing, degraded, down, unknown, not-deployed. */
  verdict: string;
  sampled_at: string;
}

/** A step of an app's Envoy cutover ladder (migration 035, lib/migration/cutover-step.ts). */
export interface CutoverStepsTable {
  id: Generated<number>;
  app: string;
  /** The app's name while the step is requested, starting, running or rolling back; null after. Unique. */
  active_app: string | null;
  /** GKE's share during the step, percent. */
  share: number;
  /** Null for the 100 % step: it has no window. */
  window_minutes: number | null;
  reason: string;
  /** JSON: the Envoy target (admin address, runtime key, clusters, threshold) as the step was requested. */
  target: string;
  requested_by_email: string;
  requested_by_name: string;
  approved_by_email: string | null;
  approved_by_name: string | null;
  approved_at: string | null;
  status: string;
  outcome: string | null;
  status_reason: string | null;
  share_before: number | null;
  started_at: string | null;
  ends_at: string | null;
  ended_at: string | null;
  rollback_reason: string | null;
  rollback_by_email: string | null;
  rollback_by_name: string | null;
  rollback_attempts: Generated<number>;
  rollback_error: string | null;
  rollback_failing_since: string | null;
  /** JSON CutoverWindow: the whole window so far (first snapshot to the latest). */
  numbers: string | null;
  /** The token of the replica running the window, and its last heartbeat (cutover-runner.ts). */
  runner_owner: string | null;
  runner_heartbeat_at: string | null;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** One snapshot of the two clusters' stats during a step (migration 035). */
export interface CutoverSamplesTable {
  id: Generated<number>;
  step_id: number;
  taken_at: string;
  /** JSON: the two clusters' counters; null when the snapshot failed. */
  counters: string | null;
  error: string | null;
}

/** The step log: who did what to a step, when, why, and the numbers (migration 035). */
export interface CutoverStepEventsTable {
  id: Generated<number>;
  step_id: number;
  app: string;
  actor_email: string;
  actor_name: string;
  kind: string;
  body: string | null;
  numbers: string | null;
  created_at: string;
}

/** The last event of a change request its author has seen (migration 040). */
export interface ChangeRequestReadsTable {
  change_id: number;
  email: string;
  seen_event_id: number;
  seen_at: string;
}

export interface Database {
  app_status_samples: AppStatusSamplesTable;
  change_requests: ChangeRequestsTable;
  change_request_events: ChangeRequestEventsTable;
  audit_events: AuditEventsTable;
  feedback_items: FeedbackItemsTable;
  feedback_updates: FeedbackUpdatesTable;
  feedback_votes: FeedbackVotesTable;
  feedback_reads: FeedbackReadsTable;
  session_feedback: SessionFeedbackTable;
  guide_feedback: GuideFeedbackTable;
  guide_reads: GuideReadsTable;
  log_access_grants: LogAccessGrantsTable;
  log_access_notices_seen: LogAccessNoticesSeenTable;
  cutover_steps: CutoverStepsTable;
  cutover_samples: CutoverSamplesTable;
  cutover_step_events: CutoverStepEventsTable;
  change_request_reads: ChangeRequestReadsTable;
}
