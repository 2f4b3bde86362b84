// The weekly activity report as CSV for compliance's spreadsheet: quoted and formula-safe by
// lib/text/csv.ts (a commit subject or a break-glass reason is free text). The coverage notes
// come first, so a download read alone still says what could not be reported. Pure.
import { toCsv } from '@/lib/text/csv';
import { activityKindLabels } from './activity-kinds';
import type { ActivityReport } from './build-activity-report';

export const ACTIVITY_CSV_COLUMNS = ['time (UTC)', 'environment', 'kind', 'app', 'person', 'approver', 'change request', 'revision', 'reason', 'what happened'] as const;

export function activityToCsv(report: ActivityReport, origin: string): string {
  return toCsv([
    [`Berth activity report: ${report.environment}, week ${report.week} (${report.start} to ${report.end})`],
    ...report.coverage.map((c) => [`${activityKindLabels[c.kind]}: ${c.state}`, c.note]),
    [],
    [...ACTIVITY_CSV_COLUMNS],
    ...report.events.map((e) => [
      e.time,
      report.environment,
      activityKindLabels[e.kind],
      e.app,
      e.person,
      e.approver,
      e.changeId === undefined ? '' : `${origin}/changes/${e.changeId}`,
      e.revision,
      e.reason,
      e.summary,
    ]),
  ]);
}

export function activityCsvName(report: Pick<ActivityReport, 'environment' | 'week'>): string {
  return `berth-activity-${report.environment}-${report.week}.csv`;
}
