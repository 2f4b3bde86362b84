// The report on data made the way Berth makes it: a real change request approved and merged into a
// sample config repository, a stage save, a rejection, break-glass and log reads in the audit
// trail — and a cluster Berth has no connection to, which the report must say rather than show none.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { approveChange, rejectChange, requestChange } from '@/lib/changes/change-flows';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { createKubeRuntime, type KubeRuntime } from '@/lib/kube/kube-runtime';
import { describeEachDatabase } from '@/lib/testing/databases';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { saveValues } from '@/lib/values-files/save-values';
import { activityToCsv } from './activity-csv';
import { weekOf } from './activity-week';
import { type ActivityDeps, getActivityReport } from './get-activity-report';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const ben: BerthUser = { email: 'ben.okafor@meridiancare.example', name: 'Ben Okafor', role: 'engineer', team: 'patient-experience' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };

describeEachDatabase('the weekly activity report on recorded data', (database) => {
  let repo: ConfigRepo;
  let cleanup: () => void;
  // No cluster configured: rollouts and restarts cannot be read.
  const runtime: KubeRuntime = createKubeRuntime([]);
  let deps: () => Promise<ActivityDeps>;
  const started = new Date();
  let mergedRevision = '';
  let approvedId = 0;

  beforeAll(async () => {
    ({ repo, cleanup } = await makeSampleRepo());
    deps = async () => ({ db: database.db, repo, runtime, catalog: await loadCatalog(repo) });
    const prod = 'apps/patient-portal/values-production.yaml';
    const request = async (message: string, edit: (t: string) => string) =>
      requestChange(ana, { app: 'patient-portal', file: 'values-production.yaml', text: edit((await readFile(repo, prod)) ?? ''), baseRevision: await headRevision(repo), message }, { db: database.db, repo });
    const opened = await request('Scale web for the flu season', (t) => t.replace(/replicas: 3/, 'replicas: 5'));
    if (!opened.ok) throw new Error(opened.error.message);
    const approved = await approveChange(ben, { id: opened.data.id, diffHash: opened.data.diffHash }, { db: database.db, repo });
    if (!approved.ok || !approved.data.mergedRevision) throw new Error('the change did not merge');
    mergedRevision = approved.data.mergedRevision;
    approvedId = opened.data.id;
    const second = await request('Lower the log level', (t) => `${t.trimEnd()}\n# quieter\n`);
    if (!second.ok) throw new Error(second.error.message);
    const rejected = await rejectChange(ben, { id: second.data.id, comment: 'Not during the cutover.' }, { db: database.db, repo });
    if (!rejected.ok) throw new Error(rejected.error.message);
    const stageText = (await readFile(repo, 'apps/patient-portal/values-stage.yaml')) ?? '';
    const saved = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text: `${stageText.trimEnd()}\n# stage only\n`, baseRevision: await headRevision(repo), message: 'Try the new cache in stage' }, { db: database.db, repo });
    if (!saved.ok) throw new Error(saved.error.message);
    await recordAuditEvent(database.db, { actor: dmitri.email, action: 'logs.break-glass', target: 'app:care-admin', details: { environment: 'production', reason: 'INC-4411 refunds failing for coordinators', minutes: 30, team: 'clinical', owningTeam: 'care-ops' } });
    await recordAuditEvent(database.db, { actor: dmitri.email, action: 'logs.download', target: 'app:care-admin', details: { environment: 'production', lines: 812, breakGlass: { grant: 'g1', reason: 'INC-4411 refunds failing for coordinators' } } });
    await recordAuditEvent(database.db, { actor: priya.email, action: 'auth.sign-in', target: `user:${priya.email}`, details: { mode: 'dev' } });
  });
  afterAll(async () => {
    cleanup();
    await runtime.close();
  });

  it('lists this week’s production activity: the merged change with author and approver, the rejection, break-glass, the download, sign-ins', async () => {
    const result = await getActivityReport(priya, { environment: 'production' }, await deps());
    if (!result.ok) throw new Error(result.error.message);
    const report = result.data;
    expect(report.week).toBe(weekOf(started).week);
    const commit = report.events.find((e) => e.kind === 'values-commit' && e.revision === mergedRevision);
    expect(commit).toMatchObject({ app: 'patient-portal', person: ana.email, approver: ben.email, changeId: approvedId });
    expect(report.events.find((e) => e.kind === 'approval' && e.changeId === approvedId)).toMatchObject({ person: ben.email });
    expect(report.events.filter((e) => e.kind === 'rejection').map((e) => e.person)).toEqual([ben.email]);
    expect(report.events.find((e) => e.kind === 'break-glass')).toMatchObject({ person: dmitri.email, reason: 'INC-4411 refunds failing for coordinators' });
    expect(report.events.find((e) => e.kind === 'log-access')).toMatchObject({ summary: 'Downloaded logs (812 lines, through break-glass)' });
    expect(report.events.some((e) => e.kind === 'sign-in' && e.person === priya.email)).toBe(true);
    // The stage-only save is not production's.
    expect(report.events.some((e) => e.summary.startsWith('Try the new cache in stage'))).toBe(false);
    // No cluster: said, not shown as nothing.
    expect(report.coverage.find((c) => c.kind === 'rollout')).toMatchObject({ state: 'unavailable' });
    expect(report.coverage.find((c) => c.kind === 'restart-burst')).toMatchObject({ state: 'unavailable' });
    expect(report.retentionDays).toBe(6 * 366);
    const csv = activityToCsv(report, 'https://berth.example');
    expect(csv).toContain(`,Values commit,patient-portal,${ana.email},${ben.email},https://berth.example/changes/${approvedId},${mergedRevision},`);
  });

  it('stage’s report has the stage save and the sign-ins, not production’s log reads', async () => {
    const result = await getActivityReport(priya, { environment: 'stage' }, await deps());
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.events.filter((e) => e.kind === 'values-commit' && e.person === ana.email).map((e) => [e.person, e.summary])).toEqual([[ana.email, 'Try the new cache in stage (apps/patient-portal/values-stage.yaml)']]);
    expect(result.data.events.some((e) => e.kind === 'log-access' || e.kind === 'break-glass')).toBe(false);
    expect(result.data.events.some((e) => e.kind === 'sign-in')).toBe(true);
  });

  it('filters by kind, app and person on the server', async () => {
    const d = await deps();
    const only = async (input: Record<string, string>) => {
      const result = await getActivityReport(priya, { environment: 'production', ...input }, d);
      if (!result.ok) throw new Error(result.error.message);
      return result.data.events;
    };
    expect((await only({ kind: 'break-glass' })).map((e) => e.kind)).toEqual(['break-glass']);
    expect(new Set((await only({ app: 'care-admin' })).map((e) => e.app))).toEqual(new Set(['care-admin']));
    expect(new Set((await only({ person: dmitri.email })).map((e) => e.kind))).toEqual(new Set(['break-glass', 'log-access']));
    expect(await only({ person: 'nobody@meridiancare.example' })).toEqual([]);
  });

  it('is the platform team’s only, and refuses a week that is not one or has not started', async () => {
    const d = await deps();
    const code = async (user: BerthUser | null, input: Record<string, string>) => {
      const result = await getActivityReport(user, input, d);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code(ana, {})).toBe('forbidden');
    expect(await code({ ...ben, role: 'viewer' }, {})).toBe('forbidden');
    expect(await code(null, {})).toBe('unauthenticated');
    expect(await code(priya, { week: '2026-W60' })).toBe('invalid');
    expect(await code(priya, { week: '2999-W01' })).toBe('invalid');
    expect(await code(priya, { environment: 'qa' })).toBe('invalid');
    expect(await code(priya, { week: '2019-W10' })).toBe('ok');
  });
});
