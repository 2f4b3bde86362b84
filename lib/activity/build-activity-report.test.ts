import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/lib/audit/audit-event';
import { parseWeek } from './activity-week';
import { activityToCsv } from './activity-csv';
import { type ActivitySources, buildActivityReport } from './build-activity-report';

const week = parseWeek('2026-W49')!; // Monday 30 November – Sunday 6 December 2026
const now = new Date('2026-12-04T18:00:00Z');
const ANA = 'ana.souza@meridiancare.example';
const BEN = 'ben.okafor@meridiancare.example';
const PRIYA = 'priya.raman@meridiancare.example';
const DMITRI = 'dmitri.volkov@meridiancare.example';

function audit(action: string, actor: string, target: string, time: string, details: Record<string, unknown> = {}): AuditEvent {
  return { id: `${action}-${time}`, action, actor, target, time, details };
}

const labels = (app: string, component = 'web') => ({ 'app.kubernetes.io/instance': app, 'app.kubernetes.io/component': component });

function replicaSet(app: string, created: string, number: number, image = `${app}:1.${number}`): V1ReplicaSet {
  return {
    metadata: { name: `${app}-web-${number}`, namespace: app, labels: labels(app), creationTimestamp: new Date(created), annotations: { 'deployment.kubernetes.io/revision': String(number) } },
    spec: { selector: {}, template: { metadata: { annotations: { 'berth.dev/config-revision': `rev${number}abcdef` } }, spec: { containers: [{ name: 'web', image }] } } },
  };
}

function pod(app: string, restarts: number, lastRestart: string): V1Pod {
  return {
    metadata: { name: `${app}-web-abc12`, namespace: app, labels: labels(app) },
    status: { containerStatuses: [{ name: 'web', image: 'x', imageID: '', ready: true, restartCount: restarts, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: new Date(lastRestart) } } }] },
  };
}

function sources(change: Partial<ActivitySources> = {}): ActivitySources {
  return {
    environment: 'production',
    range: week,
    now,
    retentionDays: 6 * 366,
    commits: [
      {
        revision: 'a'.repeat(40),
        shortRevision: 'aaaaaaa',
        message: 'Raise replicas',
        subject: 'Raise replicas',
        author: { name: 'Ana Souza', email: ANA },
        committer: { name: 'Berth', email: 'berth@x' },
        time: '2026-12-01T10:00:00.000Z',
        parents: [],
        files: ['apps/patient-portal/values-production.yaml'],
        apps: [{ app: 'patient-portal', files: ['apps/patient-portal/values-production.yaml'] }],
        approval: { changeId: 42, approver: { name: 'Ben Okafor', email: BEN } },
      },
      {
        revision: 'b'.repeat(40),
        shortRevision: 'bbbbbbb',
        message: 'Last week',
        subject: 'Last week',
        author: { name: 'Ana Souza', email: ANA },
        committer: { name: 'Ana Souza', email: ANA },
        time: '2026-11-29T23:59:59.000Z',
        parents: [],
        files: ['apps/patient-portal/values.yaml'],
        apps: [{ app: 'patient-portal', files: ['apps/patient-portal/values.yaml'] }],
      },
    ],
    commitsTruncated: false,
    auditEvents: [
      audit('change.approve', BEN, 'change:42', '2026-12-01T09:59:00.000Z', { app: 'patient-portal', diffHash: 'x' }),
      audit('change.reject', BEN, 'change:43', '2026-12-02T09:00:00.000Z', { app: 'patient-portal' }),
      audit('change.approve', PRIYA, 'change:44', '2026-12-02T09:30:00.000Z', { app: 'scheduler' }),
      audit('logs.break-glass', DMITRI, 'app:care-admin', '2026-12-03T14:00:00.000Z', { environment: 'production', reason: 'INC-4411 refunds failing', minutes: 30, team: 'clinical', owningTeam: 'care-ops' }),
      audit('logs.query', DMITRI, 'app:care-admin', '2026-12-03T14:01:00.000Z', { environment: 'production', lines: 200, breakGlass: { grant: 'g', reason: 'INC-4411 refunds failing' } }),
      audit('logs.query', PRIYA, 'app:care-admin', '2026-12-03T15:00:00.000Z', { environment: 'stage', lines: 5 }),
      audit('logs.unmask', PRIYA, 'app:care-admin', '2026-12-03T15:01:00.000Z', { environment: 'production', scope: 'line', reason: 'RF-2211 which patient', lines: 1 }),
      audit('auth.sign-in', ANA, `user:${ANA}`, '2026-12-01T08:00:00.000Z', { mode: 'iap' }),
      audit('auth.sign-in', 'someone@elsewhere.example', 'user:someone@elsewhere.example', '2026-12-06T23:59:59.999Z', { mode: 'iap', listed: false }),
    ],
    auditTruncated: false,
    auditLimit: 20_000,
    // 43 is a stage change: its rejection belongs to stage's report.
    changeEnvironments: new Map([
      [42, ['production']],
      [43, ['stage']],
      [44, ['stage', 'production']],
    ]),
    logsHoldPhi: true,
    cluster: {
      state: { name: 'gke-prod', context: 'prod', sandbox: true, reachability: 'reachable' },
      apps: [
        {
          app: 'patient-portal',
          namespace: 'patient-portal',
          objects: {
            deployments: [],
            replicaSets: [replicaSet('patient-portal', '2026-11-20T10:00:00Z', 1), replicaSet('patient-portal', '2026-12-01T10:02:00Z', 2)],
            pods: [pod('patient-portal', 7, '2026-12-02T03:00:00Z')],
            disruptionBudgets: [],
            events: [],
          },
        },
      ],
    },
    ...change,
  };
}

describe('the weekly activity report', () => {
  it('lists the week of one environment, oldest first, each event in plain words', () => {
    const report = buildActivityReport(sources());
    expect(report.week).toBe('2026-W49');
    expect(report.events.map((e) => [e.kind, e.app, e.person])).toEqual([
      ['sign-in', null, ANA],
      ['approval', 'patient-portal', BEN],
      ['values-commit', 'patient-portal', ANA],
      ['rollout', 'patient-portal', 'cluster'],
      ['restart-burst', 'patient-portal', 'cluster'],
      ['approval', 'scheduler', PRIYA],
      ['break-glass', 'care-admin', DMITRI],
      ['log-access', 'care-admin', DMITRI],
      ['log-access', 'care-admin', PRIYA],
      ['sign-in', null, 'someone@elsewhere.example'],
    ]);
    const commit = report.events.find((e) => e.kind === 'values-commit')!;
    expect(commit).toMatchObject({ approver: BEN, changeId: 42, revision: 'a'.repeat(40), summary: 'Raise replicas (apps/patient-portal/values-production.yaml)' });
    expect(report.events.find((e) => e.kind === 'rollout')).toMatchObject({ revision: 'rev2abcdef', summary: 'web rolled out (rollout 2): patient-portal:1.2' });
    expect(report.events.find((e) => e.kind === 'restart-burst')!.summary).toBe('web in patient-portal-web-abc12 restarted 7 times since the pod started; the last (OOMKilled) at this time');
    expect(report.events.find((e) => e.kind === 'break-glass')).toMatchObject({ reason: 'INC-4411 refunds failing', summary: 'Broke glass on production logs for 30 minutes (clinical team, app of the care-ops team)' });
    expect(report.events.filter((e) => e.kind === 'log-access').map((e) => [e.summary, e.reason])).toEqual([
      ['Read a page of logs (200 lines, through break-glass)', 'INC-4411 refunds failing'],
      ['Showed masked log lines unmasked (1 line)', 'RF-2211 which patient'],
    ]);
    expect(report.events.filter((e) => e.kind === 'sign-in').map((e) => e.summary)).toEqual([
      'Signed in to Berth through Identity-Aware Proxy',
      'Signed in to Berth through Identity-Aware Proxy (not in teams.yaml: shown only how to be added)',
    ]);
  });

  it('says how complete each kind is: the audit trail and history are, the cluster’s memory is not', () => {
    const coverage = Object.fromEntries(buildActivityReport(sources()).coverage.map((c) => [c.kind, c.state]));
    expect(coverage).toEqual({
      'values-commit': 'complete',
      approval: 'complete',
      rejection: 'complete',
      rollout: 'complete',
      'restart-burst': 'partial',
      'break-glass': 'complete',
      'log-access': 'complete',
      'sign-in': 'complete',
    });
  });

  it('says rollouts and restarts cannot be listed when the cluster cannot be reached, instead of showing none', () => {
    const report = buildActivityReport(sources({ cluster: { state: { name: 'gke-prod', context: 'prod', sandbox: true, reachability: 'unreachable', unreachableSince: '2026-12-04T17:00:00.000Z' }, apps: [] } }));
    expect(report.events.some((e) => e.kind === 'rollout' || e.kind === 'restart-burst')).toBe(false);
    const rollouts = report.coverage.find((c) => c.kind === 'rollout')!;
    expect(rollouts).toMatchObject({ state: 'unavailable' });
    expect(rollouts.note).toBe('The gke-prod cluster cannot be reached (since 2026-12-04T17:00:00.000Z): rollouts cannot be listed. Berth keeps no copy of them.');
    expect(report.coverage.find((c) => c.kind === 'restart-burst')).toMatchObject({ state: 'unavailable' });
  });

  it('says when Kubernetes no longer keeps the rollouts of the week', () => {
    const later = sources();
    later.cluster.apps[0].objects.replicaSets = [replicaSet('patient-portal', '2026-12-03T00:00:00Z', 12)];
    const rollouts = buildActivityReport(later).coverage.find((c) => c.kind === 'rollout')!;
    expect(rollouts.state).toBe('partial');
    expect(rollouts.note).toContain('The oldest kept of web of patient-portal is from 2026-12-03T00:00:00.000Z');
  });

  it('says when the week is older than the retention period, or the events were too many', () => {
    const old = buildActivityReport(sources({ range: parseWeek('2019-W10')!, commits: [], auditEvents: [] }));
    expect(old.coverage.find((c) => c.kind === 'approval')).toMatchObject({ state: 'partial', note: expect.stringContaining('older than the 2196 days audit events are kept') });
    const many = buildActivityReport(sources({ auditTruncated: true }));
    expect(many.coverage.find((c) => c.kind === 'log-access')!.note).toContain('More than 20,000 events matched');
  });

  it('in stage, says log reads are not recorded rather than listing none', () => {
    const stage = buildActivityReport(sources({ environment: 'stage', logsHoldPhi: false, commits: [] }));
    expect(stage.events.map((e) => [e.kind, e.app])).toEqual([
      ['sign-in', null],
      ['rollout', 'patient-portal'],
      ['restart-burst', 'patient-portal'],
      ['rejection', 'patient-portal'],
      ['approval', 'scheduler'],
      // Recorded by an older Berth, or an import: what the trail holds is shown.
      ['log-access', 'care-admin'],
      ['sign-in', null],
    ]);
    expect(stage.coverage.find((c) => c.kind === 'log-access')).toMatchObject({ state: 'unavailable', note: expect.stringContaining('not recorded') });
  });

  it('filters by kind, app and person (who did it or approved it)', () => {
    expect(buildActivityReport(sources(), { kind: 'approval' }).events.map((e) => e.app)).toEqual(['patient-portal', 'scheduler']);
    expect(buildActivityReport(sources(), { kind: 'approval' }).coverage.map((c) => c.kind)).toEqual(['approval']);
    expect(buildActivityReport(sources(), { app: 'care-admin' }).events.map((e) => e.kind)).toEqual(['break-glass', 'log-access', 'log-access']);
    expect(buildActivityReport(sources(), { person: BEN.toUpperCase() }).events.map((e) => e.kind)).toEqual(['approval', 'values-commit']);
  });

  it('exports CSV with the coverage first, links to change requests and formula-safe free text', () => {
    const report = buildActivityReport(sources({ auditEvents: [audit('logs.break-glass', DMITRI, 'app:care-admin', '2026-12-03T14:00:00.000Z', { environment: 'production', reason: '=HYPERLINK("https://evil.example")', minutes: 15 })] }));
    const csv = activityToCsv(report, 'https://berth.example');
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('Berth activity report: production, week 2026-W49');
    expect(csv).toContain('time (UTC),environment,kind,app,person,approver,change request,revision,reason,what happened');
    expect(csv).toContain(`2026-12-01T10:00:00.000Z,production,Values commit,patient-portal,${ANA},${BEN},https://berth.example/changes/42,${'a'.repeat(40)},,Raise replicas (apps/patient-portal/values-production.yaml)`);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv).toContain('Restart burst: partial');
  });
});
