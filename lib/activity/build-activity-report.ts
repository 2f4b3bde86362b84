// The weekly activity report of one environment, shaped like Aptible's Activity Reports: pure, so
// every rule of what can be reported (and what cannot, and why) is tested on plain objects.
// Sources: the config repository's commits with the approvals Berth recorded, the audit trail, and
// the objects the cluster still holds (ReplicaSets for rollouts, pods for restarts).
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { AuditEvent } from '@/lib/audit/audit-event';
import type { EnvironmentName } from '@/lib/catalog/app-name';
import type { CommitApproval } from '@/lib/changes/commit-approvals';
import type { CommitSummary } from '@/lib/gitops/history';
import type { ClusterState } from '@/lib/kube/app-status';
import { ANNOTATION_CONFIG_REVISION, ANNOTATION_ROLLOUT_NUMBER, type AppObjects, LABEL_COMPONENT, ofApp } from '@/lib/kube/chart-labels';
import { toMillis } from '@/lib/kube/object-time';
import { plural } from '@/lib/text/plural';
import type { ActivityCoverage, ActivityEvent, ActivityKind } from './activity-kinds';
import type { WeekRange } from './activity-week';

/** A container that restarted this many times or more is a burst (the pod's whole life: Kubernetes keeps no more). */
export const RESTART_BURST = 3;

export interface ActivityCommit extends CommitSummary {
  /** The apps whose values the commit changed, each with its files the commit changed. */
  apps: { app: string; files: string[] }[];
  approval?: CommitApproval;
}

export interface ActivitySources {
  environment: EnvironmentName;
  range: WeekRange;
  now: Date;
  retentionDays: number;
  commits: ActivityCommit[];
  /** The walk through history stopped at its limit before reaching the week's start. */
  commitsTruncated: boolean;
  auditEvents: AuditEvent[];
  /** More audit events matched than were read. */
  auditTruncated: boolean;
  auditLimit: number;
  /** The environments each change request's file affects (change_requests.environments). */
  changeEnvironments: Map<number, string[]>;
  /** Whether this environment's logs hold PHI (then every read is recorded). */
  logsHoldPhi: boolean;
  cluster: { state: ClusterState; apps: { app: string; namespace: string; objects: AppObjects }[] };
}

export interface ActivityReport {
  environment: EnvironmentName;
  week: string;
  start: string;
  end: string;
  events: ActivityEvent[];
  coverage: ActivityCoverage[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LOG_READ_ACTIONS: Record<string, string> = {
  'logs.query': 'read a page of logs',
  'logs.page': 'read a further page of logs',
  'logs.stream-opened': 'started following logs',
  'logs.stream-closed': 'stopped following logs',
  'logs.download': 'downloaded logs',
  'logs.unmask': 'showed masked log lines unmasked',
};

/** The audit actions the report reads. */
export const REPORTED_AUDIT_ACTIONS = ['change.approve', 'change.reject', 'logs.break-glass', 'auth.sign-in', ...Object.keys(LOG_READ_ACTIONS)] as const;

function inWeek(range: WeekRange, ms: number | undefined): ms is number {
  return ms !== undefined && ms >= range.start.getTime() && ms < range.end.getTime();
}

function appOfTarget(event: AuditEvent): string | null {
  if (event.target.startsWith('app:')) return event.target.slice(4);
  return typeof event.details.app === 'string' ? event.details.app : null;
}

function changeIdOf(event: AuditEvent): number | undefined {
  const id = Number(event.target.replace(/^change:/, ''));
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fromAudit(event: AuditEvent, sources: ActivitySources): ActivityEvent | null {
  const base = { time: event.time, person: event.actor, app: appOfTarget(event) };
  switch (event.action) {
    case 'change.approve':
    case 'change.reject': {
      const changeId = changeIdOf(event);
      const environments = changeId === undefined ? undefined : sources.changeEnvironments.get(changeId);
      if (!environments?.includes(sources.environment)) return null;
      const approve = event.action === 'change.approve';
      return { ...base, kind: approve ? 'approval' : 'rejection', changeId, summary: `${approve ? 'Approved' : 'Rejected'} change request #${changeId}` };
    }
    case 'logs.break-glass': {
      if (event.details.environment !== sources.environment) return null;
      const minutes = Number(event.details.minutes);
      const team = text(event.details.team);
      const owner = text(event.details.owningTeam);
      return {
        ...base,
        kind: 'break-glass',
        reason: text(event.details.reason),
        summary: `Broke glass on ${sources.environment} logs${Number.isFinite(minutes) ? ` for ${plural(minutes, 'minute')}` : ''}${team && owner ? ` (${team} team, app of the ${owner} team)` : ''}`,
      };
    }
    case 'auth.sign-in':
      return {
        ...base,
        app: null,
        kind: 'sign-in',
        summary: `Signed in to Berth${text(event.details.mode) === 'iap' ? ' through Identity-Aware Proxy' : ''}${event.details.listed === false ? ' (not in teams.yaml: shown only how to be added)' : ''}`,
      };
    default: {
      const verb = LOG_READ_ACTIONS[event.action];
      if (!verb || event.details.environment !== sources.environment) return null;
      const lines = Number(event.details.lines);
      const breakGlass = event.details.breakGlass as { reason?: unknown } | undefined;
      const unmasked = event.details.unmasked as { reason?: unknown } | undefined;
      const reason = text(event.details.reason) ?? text(unmasked?.reason) ?? text(breakGlass?.reason);
      const extras = [
        Number.isFinite(lines) && event.action !== 'logs.stream-opened' ? plural(lines, 'line') : null,
        breakGlass ? 'through break-glass' : null,
        unmasked && event.action !== 'logs.unmask' ? 'unmasked' : null,
      ].filter(Boolean);
      return { ...base, kind: 'log-access', reason, summary: `${verb.charAt(0).toUpperCase()}${verb.slice(1)}${extras.length ? ` (${extras.join(', ')})` : ''}` };
    }
  }
}

function rolloutOf(app: string, replicaSet: V1ReplicaSet): ActivityEvent {
  const created = toMillis(replicaSet.metadata?.creationTimestamp) ?? 0;
  const number = Number(replicaSet.metadata?.annotations?.[ANNOTATION_ROLLOUT_NUMBER]);
  const template = replicaSet.spec?.template;
  const component = replicaSet.metadata?.labels?.[LABEL_COMPONENT] ?? replicaSet.metadata?.name ?? 'deployment';
  const images = (template?.spec?.containers ?? []).map((c) => c.image).filter((i): i is string => !!i);
  const revision = template?.metadata?.annotations?.[ANNOTATION_CONFIG_REVISION];
  return {
    time: new Date(created).toISOString(),
    kind: 'rollout',
    app,
    person: 'cluster',
    revision,
    summary: `${component} rolled out${Number.isInteger(number) && number > 0 ? ` (rollout ${number})` : ''}${images.length ? `: ${images.join(', ')}` : ''}`,
  };
}

function restartBursts(app: string, pod: V1Pod, range: WeekRange): ActivityEvent[] {
  return (pod.status?.containerStatuses ?? []).flatMap((container) => {
    const last = toMillis(container.lastState?.terminated?.finishedAt);
    const restarts = container.restartCount ?? 0;
    if (restarts < RESTART_BURST || !inWeek(range, last)) return [];
    const reason = container.lastState?.terminated?.reason;
    return [
      {
        time: new Date(last).toISOString(),
        kind: 'restart-burst' as const,
        app,
        person: 'cluster',
        summary: `${container.name} in ${pod.metadata?.name ?? 'a pod'} restarted ${plural(restarts, 'time')} since the pod started; the last${reason ? ` (${reason})` : ''} at this time`,
      },
    ];
  });
}

function clusterCoverage(sources: ActivitySources): { usable: boolean; unavailable?: string } {
  const { state } = sources.cluster;
  if (state.reachability === 'reachable') return { usable: true };
  if (state.reachability === 'not-configured') return { usable: false, unavailable: `Berth has no connection to the ${state.name} cluster configured` };
  if (state.reachability === 'connecting') return { usable: false, unavailable: `Berth has not finished reading the ${state.name} cluster yet` };
  return { usable: false, unavailable: `The ${state.name} cluster cannot be reached${state.unreachableSince ? ` (since ${state.unreachableSince})` : ''}` };
}

/** A deployment whose oldest kept ReplicaSet is not its first rollout: Kubernetes dropped the ones before. */
interface DroppedRollouts {
  what: string;
  oldestKept: number;
}

function coverageOf(sources: ActivitySources, dropped: DroppedRollouts | undefined): ActivityCoverage[] {
  const { range, environment } = sources;
  const pruned = range.start.getTime() < sources.now.getTime() - sources.retentionDays * DAY_MS;
  const fromAuditTrail = (kind: ActivityKind, what: string): ActivityCoverage => {
    if (pruned) return { kind, state: 'partial', note: `${what}. This week is older than the ${sources.retentionDays} days audit events are kept: events past that were deleted.` };
    if (sources.auditTruncated) return { kind, state: 'partial', note: `${what}. More than ${sources.auditLimit.toLocaleString('en-US')} events matched: only the first are read; narrow the filters.` };
    return { kind, state: 'complete', note: `${what}.` };
  };
  const cluster = clusterCoverage(sources);
  const rollouts: ActivityCoverage = !cluster.usable
    ? { kind: 'rollout', state: 'unavailable', note: `${cluster.unavailable}: rollouts cannot be listed. Berth keeps no copy of them.` }
    : dropped
      ? { kind: 'rollout', state: 'partial', note: `From the ReplicaSets the cluster still keeps (the last 10 per deployment by default). The oldest kept of ${dropped.what} is from ${new Date(dropped.oldestKept).toISOString()}: its rollouts before that, and those of deleted deployments, are not shown.` }
      : { kind: 'rollout', state: 'complete', note: 'From the ReplicaSets the cluster keeps (the last 10 per deployment by default); rollouts of deleted deployments are not shown.' };
  const restarts: ActivityCoverage = !cluster.usable
    ? { kind: 'restart-burst', state: 'unavailable', note: `${cluster.unavailable}: restarts cannot be listed.` }
    : {
        kind: 'restart-burst',
        state: 'partial',
        note: `Berth keeps no history of restarts, and Kubernetes keeps only each container’s restart count and last restart. Shown: containers of the pods running now with ${RESTART_BURST} or more restarts whose last restart was this week. Restarts of pods since replaced are not shown: look in Cloud Logging.`,
      };
  const logsNote =
    environment === 'production' || sources.logsHoldPhi
      ? null
      : `${environment} logs hold synthetic data only: reading them is open to every engineer and not recorded`;
  return [
    sources.commitsTruncated
      ? { kind: 'values-commit', state: 'partial', note: 'The config repository’s history was read up to its limit before reaching this week’s start: older commits of the week are not shown.' }
      : { kind: 'values-commit', state: 'complete', note: `From the config repository: every commit that changed an app’s values for ${environment} (values.yaml and values-${environment}.yaml), with the approval Berth recorded. Commits made outside Berth have none.` },
    fromAuditTrail('approval', 'From Berth’s audit trail: approvals of change requests for this environment'),
    fromAuditTrail('rejection', 'From Berth’s audit trail: rejections of change requests for this environment'),
    rollouts,
    restarts,
    logsNote
      ? { kind: 'break-glass', state: 'complete', note: `${logsNote}, so break-glass is never needed.` }
      : fromAuditTrail('break-glass', 'From Berth’s audit trail: every break-glass, with its reason'),
    logsNote ? { kind: 'log-access', state: 'unavailable', note: `${logsNote}.` } : fromAuditTrail('log-access', 'From Berth’s audit trail: every page, follow, download and unmask of these logs'),
    fromAuditTrail('sign-in', 'From Berth’s audit trail: the demo sign-in, or behind Identity-Aware Proxy a person’s first request after 8 hours without one. Sign-ins are to Berth, not to one environment: every environment’s report lists them all'),
  ];
}

export interface ActivityFilter {
  kind?: ActivityKind;
  app?: string;
  /** An email: the person who did it, or who approved it. */
  person?: string;
}

/** Oldest first, as a week is read. */
export function buildActivityReport(sources: ActivitySources, filter: ActivityFilter = {}): ActivityReport {
  const { range } = sources;
  const events: ActivityEvent[] = [];
  for (const commit of sources.commits) {
    if (!inWeek(range, Date.parse(commit.time))) continue;
    for (const { app, files } of commit.apps) {
      events.push({
        time: commit.time,
        kind: 'values-commit',
        app,
        person: commit.author.email,
        approver: commit.approval?.approver.email,
        changeId: commit.approval?.changeId,
        revision: commit.revision,
        summary: `${commit.subject} (${files.join(', ')})`,
      });
    }
  }
  for (const event of sources.auditEvents) {
    if (!inWeek(range, Date.parse(event.time))) continue;
    const reported = fromAudit(event, sources);
    if (reported) events.push(reported);
  }
  let dropped: DroppedRollouts | undefined;
  if (sources.cluster.state.reachability === 'reachable') {
    for (const { app, namespace, objects } of sources.cluster.apps) {
      const oldest = new Map<string, { created: number; number: number }>();
      for (const replicaSet of ofApp(objects.replicaSets, app, namespace)) {
        const created = toMillis(replicaSet.metadata?.creationTimestamp);
        if (created === undefined) continue;
        const component = replicaSet.metadata?.labels?.[LABEL_COMPONENT] ?? 'deployment';
        const seen = oldest.get(component);
        if (!seen || created < seen.created) oldest.set(component, { created, number: Number(replicaSet.metadata?.annotations?.[ANNOTATION_ROLLOUT_NUMBER]) });
        if (inWeek(range, created)) events.push(rolloutOf(app, replicaSet));
      }
      for (const [component, kept] of oldest) {
        if (kept.created > range.start.getTime() && kept.number > 1) dropped ??= { what: `${component} of ${app}`, oldestKept: kept.created };
      }
      for (const pod of ofApp(objects.pods, app, namespace)) events.push(...restartBursts(app, pod, range));
    }
  }
  const person = filter.person?.toLowerCase();
  const kept = events
    .filter((e) => !filter.kind || e.kind === filter.kind)
    .filter((e) => !filter.app || e.app === filter.app)
    .filter((e) => !person || e.person.toLowerCase() === person || e.approver?.toLowerCase() === person)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const coverage = coverageOf(sources, dropped).filter((c) => !filter.kind || c.kind === filter.kind);
  return { environment: sources.environment, week: range.week, start: range.start.toISOString(), end: range.end.toISOString(), events: kept, coverage };
}
