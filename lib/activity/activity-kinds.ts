// The kinds of event in the weekly activity report and their names in users' words. Runs in the
// browser too (the filter form): no server-only imports.

export const ACTIVITY_KINDS = ['values-commit', 'approval', 'rejection', 'rollout', 'restart-burst', 'break-glass', 'log-access', 'sign-in'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const activityKindLabels: Record<ActivityKind, string> = {
  'values-commit': 'Values commit',
  approval: 'Approval',
  rejection: 'Rejection',
  rollout: 'Rollout',
  'restart-burst': 'Restart burst',
  'break-glass': 'Break-glass',
  'log-access': 'Production log access',
  'sign-in': 'Sign-in to Berth',
};

/** Plural names, for the coverage notes ("Rollouts: …"). */
export const activityKindPlurals: Record<ActivityKind, string> = {
  'values-commit': 'Values commits',
  approval: 'Approvals',
  rejection: 'Rejections',
  rollout: 'Rollouts',
  'restart-burst': 'Restart bursts',
  'break-glass': 'Break-glass',
  'log-access': 'Log access',
  'sign-in': 'Sign-ins to Berth',
};

export interface ActivityEvent {
  /** ISO time. */
  time: string;
  kind: ActivityKind;
  /** null: not about one app (a sign-in). */
  app: string | null;
  /** Who did it: an email, or `cluster` for what the cluster did by itself. */
  person: string;
  /** What happened, in plain words. */
  summary: string;
  approver?: string;
  changeId?: number;
  revision?: string;
  /** A break-glass or unmask reason. */
  reason?: string;
}

/**
 * How much of a kind the report can show for the week: `complete` (Berth's own record), `partial`
 * (what the cluster still holds — say what is missing), `unavailable` (none: say why). An empty
 * list must never read as "nothing happened" when the source could not tell.
 */
export interface ActivityCoverage {
  kind: ActivityKind;
  state: 'complete' | 'partial' | 'unavailable';
  note: string;
}
