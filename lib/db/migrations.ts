// One migration set for both dialects, one file per migration in migrations/. Add new ones at the
// end of the list (names sort in order); never edit a shipped one.
import type { Migration, MigrationProvider } from 'kysely';
import { auditEvents } from './migrations/001-audit-events';
import { feedback } from './migrations/002-feedback';
import { guideProgress } from './migrations/003-guide-progress';
import { changeRequests } from './migrations/004-change-requests';
import { changeMergeCommit } from './migrations/010-change-merge-commit';
import { changeMergeLease } from './migrations/011-change-merge-lease';
import type { Dialect } from './migrations/dialect';
import { logAccess } from './migrations/020-log-access';
import { auditAppendOnly } from './migrations/021-audit-append-only';
import { appStatusSamples } from './migrations/030-app-status-samples';
import { cutoverSteps } from './migrations/035-cutover-steps';
import { changeDecisionsSeen } from './migrations/040-change-decisions-seen';
import { oneOpenRequestPerDiff } from './migrations/045-one-open-request-per-diff';

export function berthMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_audit_events': auditEvents(dialect),
    '002_feedback': feedback(dialect),
    '003_guide_progress': guideProgress(),
    '004_change_requests': changeRequests(dialect),
    '010_change_merge_commit': changeMergeCommit(),
    '011_change_merge_lease': changeMergeLease(),
    '020_log_access': logAccess(dialect),
    '021_audit_append_only': auditAppendOnly(dialect),
    '030_app_status_samples': appStatusSamples(dialect),
    '035_cutover_steps': cutoverSteps(dialect),
    '040_change_decisions_seen': changeDecisionsSeen(),
    '045_one_open_request_per_diff': oneOpenRequestPerDiff(),
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => berthMigrations(dialect) };
}
