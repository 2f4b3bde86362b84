import 'server-only';
// The weekly activity report of one environment, read from its sources: the config repository,
// the audit trail and the cluster's informer caches (no API call per request). Platform team only.
import { listAuditEventsBetween } from '@/lib/audit/list-audit-events';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { withApprovals } from '@/lib/changes/commit-approvals';
import { getConfig } from '@/lib/config/get-config';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { history } from '@/lib/gitops/history';
import { clusterOf, NO_OBJECTS } from '@/lib/kube/get-app-status';
import { getKubeRuntime, type KubeRuntime } from '@/lib/kube/kube-runtime';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { type ActivityFilters, activityFiltersSchema } from './activity-inputs';
import { type ActivityKind } from './activity-kinds';
import { parseWeek, shiftWeek, weekOf } from './activity-week';
import { type ActivityCommit, type ActivityReport, buildActivityReport, REPORTED_AUDIT_ACTIONS } from './build-activity-report';

/** Audit events read for one week; more is said on the page (narrow the filters). */
export const AUDIT_LIMIT = 20_000;
/** Commits that changed values, newest first, before the walk gives up reaching the week's start. */
export const COMMIT_LIMIT = 5_000;
const CHUNK = 500;

export interface ActivityDeps {
  db?: BerthDb;
  repo?: ConfigRepo;
  catalog?: Catalog;
  runtime?: KubeRuntime;
  now?: Date;
  retentionDays?: number;
}

export interface ActivityReportPage extends ActivityReport {
  filters: ActivityFilters & { week: string };
  /** The weeks either side, for the page's links; `next` is null while it has not started. */
  weeks: { previous: string; next: string | null };
  /** How long audit events are kept (AUDIT_RETENTION_DAYS). */
  retentionDays: number;
  /** For the filters: every app and person of the catalog. */
  choices: { apps: string[]; people: { email: string; name: string }[] };
}

const AUDIT_ACTIONS_OF: Partial<Record<ActivityKind, readonly string[]>> = {
  approval: ['change.approve'],
  rejection: ['change.reject'],
  'break-glass': ['logs.break-glass'],
  'sign-in': ['auth.sign-in'],
  'log-access': REPORTED_AUDIT_ACTIONS.filter((a) => a.startsWith('logs.') && a !== 'logs.break-glass'),
};

export async function getActivityReport(user: BerthUser | null, input: unknown, deps: ActivityDeps = {}): Promise<Result<ActivityReportPage>> {
  const decision = decide(user, 'audit.view', {});
  if (!decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(activityFiltersSchema, input);
  if (!parsed.ok) return parsed;
  const filters = parsed.data;
  const now = deps.now ?? new Date();
  const range = filters.week ? parseWeek(filters.week) : weekOf(now);
  if (!range) return fail('invalid', `${filters.week} is not a week: use the form 2026-W49.`, { fieldErrors: { week: ['not a week'] } });
  if (range.start.getTime() > now.getTime()) return fail('invalid', `The week ${range.week} has not started yet.`, { fieldErrors: { week: ['in the future'] } });

  const db = deps.db ?? (await getDb());
  const repo = deps.repo ?? getConfigRepo();
  const catalog = deps.catalog ?? (await loadCatalog(repo));
  const runtime = deps.runtime ?? getKubeRuntime();
  const environment = catalog.environments.find((e) => e.name === filters.environment);
  const apps = catalog.apps.filter((a) => a.environments.includes(filters.environment) && (!filters.app || a.name === filters.app));
  const wants = (kind: ActivityKind) => !filters.kind || filters.kind === kind;

  // Values commits: the history of the week, each attributed to the apps whose values it changed.
  let commits: ActivityCommit[] = [];
  let commitsTruncated = false;
  if (wants('values-commit') && apps.length > 0) {
    const filesOf = new Map(apps.map((a) => [a.name, [a.files.shared, a.files.byEnvironment[filters.environment]].filter((f): f is string => !!f)]));
    const found = await history(repo, { paths: [...new Set([...filesOf.values()].flat())], since: range.start.getTime(), limit: COMMIT_LIMIT });
    commitsTruncated = found.length === COMMIT_LIMIT;
    commits = (await withApprovals(db, found)).map((c) => ({ ...c, apps: [...filesOf].map(([app, files]) => ({ app, files: files.filter((f) => c.files.includes(f)) })).filter((a) => a.files.length > 0) }));
  }

  const actions = (Object.entries(AUDIT_ACTIONS_OF) as [ActivityKind, readonly string[]][]).filter(([kind]) => wants(kind)).flatMap(([, a]) => a);
  const audit = await listAuditEventsBetween(db, { from: range.start.toISOString(), to: range.end.toISOString(), actions, actor: filters.person, limit: AUDIT_LIMIT + 1 });
  const auditEvents = audit.slice(0, AUDIT_LIMIT);

  const changeIds = [...new Set(auditEvents.filter((e) => e.action.startsWith('change.')).map((e) => Number(e.target.replace(/^change:/, ''))).filter(Number.isInteger))];
  const changeEnvironments = new Map<number, string[]>();
  for (let i = 0; i < changeIds.length; i += CHUNK) {
    const rows = await db.selectFrom('change_requests').select(['id', 'environments']).where('id', 'in', changeIds.slice(i, i + CHUNK)).execute();
    for (const row of rows) changeEnvironments.set(Number(row.id), JSON.parse(row.environments) as string[]);
  }

  const { state, cache } = clusterOf(runtime, catalog, filters.environment);
  const clusterApps = apps.map((a) => ({ app: a.name, namespace: a.namespace, objects: cache ? cache.objectsFor(a.name, a.namespace) : NO_OBJECTS }));

  const retentionDays = deps.retentionDays ?? getConfig().AUDIT_RETENTION_DAYS;
  const report = buildActivityReport(
    {
      environment: filters.environment,
      range,
      now,
      retentionDays,
      commits,
      commitsTruncated,
      auditEvents,
      auditTruncated: audit.length > AUDIT_LIMIT,
      auditLimit: AUDIT_LIMIT,
      changeEnvironments,
      logsHoldPhi: environment?.logsHoldPhi ?? filters.environment === 'production',
      cluster: { state, apps: clusterApps },
    },
    { kind: filters.kind, app: filters.app, person: filters.person },
  );
  return ok({
    ...report,
    filters: { ...filters, week: range.week },
    weeks: { previous: shiftWeek(range, -1).week, next: shiftWeek(range, 1).start.getTime() <= now.getTime() ? shiftWeek(range, 1).week : null },
    retentionDays,
    choices: {
      apps: catalog.apps.map((a) => a.name).sort(),
      people: catalog.people.map((p) => ({ email: p.email, name: p.name })).sort((a, b) => a.name.localeCompare(b.name)),
    },
  });
}
