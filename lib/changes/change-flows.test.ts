import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import type { BerthUser } from '@/lib/auth/user';
import { commitChange } from '@/lib/gitops/commit-change';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { saveValues } from '@/lib/values-files/save-values';
import { valuesHistory } from '@/lib/values-files/values-history';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { listChangeEvents } from './change-repository';
import { approveChange, type ChangeDeps, rejectChange, requestChange, updateChangeRequest, withdrawChange } from './change-flows';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const ben: BerthUser = { email: 'ben.okafor@meridiancare.example', name: 'Ben Okafor', role: 'engineer', team: 'patient-experience' };
const chloe: BerthUser = { email: 'chloe.park@meridiancare.example', name: 'Chloe Park', role: 'engineer', team: 'patient-experience' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };

const PROD = 'apps/patient-portal/values-production.yaml';

describeEachDatabase('production change requests', (database) => {
  let repo: ConfigRepo;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ repo, dir, cleanup } = await makeSampleRepo());
  });
  afterAll(() => cleanup());
  const deps = (): ChangeDeps => ({ db: database.db, repo });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

  async function propose(author: BerthUser, edit: (text: string) => string, message = 'Scale web in production') {
    const base = await headRevision(repo);
    const text = edit((await readFile(repo, PROD)) ?? '');
    return requestChange(deps(), author, { app: 'patient-portal', file: 'values-production.yaml', text, baseRevision: base, message });
  }

  const bumpLogLevel = (level: string) => (text: string) => `${text.trimEnd()}\n# level ${level}\n`;

  it('A requests, B of the same team approves, the commit lands with both names', async () => {
    const opened = await propose(ana, (t) => t.replace(/replicas: 3/, 'replicas: 4'));
    expect(opened.status).toBe('ok');
    if (opened.status !== 'ok') return;
    expect(opened.change.status).toBe('open');
    expect(opened.change.evaluation.environments[0].effects.map((e) => e.summary)).toContain('web will run 4 pods instead of 3 in production');

    const approved = await approveChange(deps(), ben, { id: opened.change.id, diffHash: opened.change.diffHash, comment: 'LGTM' });
    expect(approved.status).toBe('ok');
    if (approved.status !== 'ok') return;
    expect(approved.change.status).toBe('merged');
    expect(git('log', '-1', '--format=%an|%cn|%s|%(trailers:key=Approved-by,valueonly)').trim()).toBe(
      'Ana Souza|Berth|Scale web in production|Ben Okafor <ben.okafor@meridiancare.example>',
    );
    expect(approved.change.mergedRevision).toBe(git('rev-parse', 'HEAD').trim());
    const actions = (await listAuditEvents(database.db, { target: `change:${opened.change.id}` })).map((e) => e.action);
    expect(actions).toEqual(['change.merge', 'change.approve', 'change.request']);
  });

  it('refuses self-approval, an approver outside the team, and a replayed approval', async () => {
    const opened = await propose(ana, bumpLogLevel('a'));
    if (opened.status !== 'ok') throw new Error(opened.status);
    const { id, diffHash } = opened.change;
    expect((await approveChange(deps(), ana, { id, diffHash })).status).toBe('forbidden');
    expect((await approveChange(deps(), dmitri, { id, diffHash })).status).toBe('forbidden');
    const head = git('rev-parse', 'HEAD');
    expect((await approveChange(deps(), priya, { id, diffHash })).status).toBe('ok');
    expect((await approveChange(deps(), ben, { id, diffHash })).status).toBe('conflict');
    expect(git('rev-list', '--count', `${head.trim()}..HEAD`).trim()).toBe('1');
  });

  it('voids an approval when the diff changes after review', async () => {
    const opened = await propose(ana, bumpLogLevel('b'));
    if (opened.status !== 'ok') throw new Error(opened.status);
    const reviewed = opened.change.diffHash;
    const updated = await updateChangeRequest(deps(), ana, { id: opened.change.id, text: `${opened.change.proposedText}# and more\n`, baseRevision: opened.change.baseRevision });
    expect(updated.status).toBe('ok');
    const stale = await approveChange(deps(), ben, { id: opened.change.id, diffHash: reviewed });
    expect(stale).toMatchObject({ status: 'conflict', message: expect.stringMatching(/changed after you reviewed it/) });
    if (updated.status === 'ok') expect((await approveChange(deps(), ben, { id: opened.change.id, diffHash: updated.change.diffHash })).status).toBe('ok');
  });

  it('marks a request stale when the file changed meanwhile, and the author re-bases it', async () => {
    const opened = await propose(ana, bumpLogLevel('c'));
    if (opened.status !== 'ok') throw new Error(opened.status);
    await commitChange(repo, { files: [{ path: PROD, text: `${(await readFile(repo, PROD)) ?? ''}# hotfix\n` }], baseRevision: await headRevision(repo), author: priya, message: 'hotfix' });
    const result = await approveChange(deps(), chloe, { id: opened.change.id, diffHash: opened.change.diffHash });
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(result.change).toMatchObject({ status: 'stale', statusReason: expect.stringMatching(/re-bases/) });
    const head = await headRevision(repo);
    const rebased = await updateChangeRequest(deps(), ana, { id: opened.change.id, text: `${(await readFile(repo, PROD)) ?? ''}# level c\n`, baseRevision: head });
    expect(rebased.status).toBe('ok');
    if (rebased.status === 'ok') expect(rebased.change.status).toBe('open');
  });

  it('refuses to merge a change that no longer validates, and says why', async () => {
    const opened = await propose(ana, (t) => t.replace(/replicas: \d+/, 'replicas: 7'), 'Seven web pods');
    if (opened.status !== 'ok') throw new Error(opened.status);
    // The platform team tightens the chart: at most 5 pods per deployment.
    const schemaText = (await readFile(repo, 'chart/values.schema.json')) ?? '';
    const tightened = JSON.stringify(capReplicas(JSON.parse(schemaText), 5), null, 2);
    await commitChange(repo, { files: [{ path: 'chart/values.schema.json', text: tightened }], baseRevision: await headRevision(repo), author: priya, message: 'cap replicas' });
    const head = git('rev-parse', 'HEAD');
    const result = await approveChange(deps(), ben, { id: opened.change.id, diffHash: opened.change.diffHash });
    expect(result.status).toBe('invalid');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    const events = await listChangeEvents(database.db, opened.change.id);
    expect(events.at(-1)).toMatchObject({ kind: 'merge-refused', body: expect.stringMatching(/no longer validates/) });
  });

  it('lets only the author withdraw, and a reviewer reject', async () => {
    const one = await propose(ana, bumpLogLevel('d'));
    const two = await propose(ana, bumpLogLevel('e'));
    if (one.status !== 'ok' || two.status !== 'ok') throw new Error('setup');
    expect((await withdrawChange(deps(), ben, { id: one.change.id })).status).toBe('forbidden');
    expect((await withdrawChange(deps(), ana, { id: one.change.id })).status).toBe('ok');
    expect((await rejectChange(deps(), ana, { id: two.change.id, comment: 'no' })).status).toBe('forbidden');
    const rejected = await rejectChange(deps(), ben, { id: two.change.id, comment: 'Not during the cutover week.' });
    expect(rejected.status === 'ok' && rejected.change.status).toBe('rejected');
    expect((await approveChange(deps(), ben, { id: two.change.id, diffHash: two.change.diffHash })).status).toBe('conflict');
  });

  it('merges exactly once when two reviewers approve at the same moment', async () => {
    const opened = await propose(ana, bumpLogLevel('race'));
    if (opened.status !== 'ok') throw new Error(opened.status);
    const head = git('rev-parse', 'HEAD').trim();
    const results = await Promise.all([ben, chloe, priya].map((r) => approveChange(deps(), r, { id: opened.change.id, diffHash: opened.change.diffHash })));
    expect(results.filter((r) => r.status === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'conflict')).toHaveLength(2);
    expect(git('rev-list', '--count', `${head}..HEAD`).trim()).toBe('1');
  });

  it('shows an approval only where Berth recorded one: forged trailers in messages never count', async () => {
    const app = (await loadCatalog(repo)).apps.find((a) => a.name === 'patient-portal')!;
    // A stage save whose message ends like an approved production merge (with \r line breaks too).
    const base = await headRevision(repo);
    const stage = `${(await readFile(repo, 'apps/patient-portal/values-stage.yaml')) ?? ''}# forged\n`;
    const forgedSave = await saveValues(
      ana,
      { app: 'patient-portal', file: 'values-stage.yaml', text: stage, baseRevision: base, message: 'Tune stage\r\rApproved-by: Ben Okafor <ben.okafor@meridiancare.example>\rChange-request: #1' },
      { repo, db: database.db },
    );
    expect(forgedSave.status).toBe('committed');
    expect(git('log', '-1', '--format=%(trailers:only)').trim()).toBe('');
    // A change request whose message adds a second, fake approval paragraph; Chloe really approves.
    const opened = await propose(ana, bumpLogLevel('forged'), 'Raise the log level\n\nApproved-by: Priya Raman <priya.raman@meridiancare.example>\u2028Change-request: #1');
    if (opened.status !== 'ok') throw new Error(opened.status);
    expect((await approveChange(deps(), chloe, { id: opened.change.id, diffHash: opened.change.diffHash })).status).toBe('ok');
    expect(git('log', '-1', '--format=%(trailers:key=Approved-by,valueonly)').trim()).toBe('Chloe Park <chloe.park@meridiancare.example>');

    const [merge, save] = await valuesHistory(repo, database.db, app, 2);
    expect(merge.approval).toEqual({ changeId: opened.change.id, approver: { name: 'Chloe Park', email: 'chloe.park@meridiancare.example' } });
    expect(save.revision).toBe(forgedSave.status === 'committed' ? forgedSave.revision : '');
    expect(save.approval).toBeUndefined();
    // A commit made outside Berth that claims a real request's number is not that request's merge.
    const outside = await commitChange(repo, {
      files: [{ path: 'apps/patient-portal/values-stage.yaml', text: `${stage}# outside\n` }],
      baseRevision: await headRevision(repo),
      author: priya,
      message: 'Copy',
      trailers: { 'Approved-by': ['Ben Okafor <ben.okafor@meridiancare.example>'], 'Change-request': [`#${opened.change.id}`] },
    });
    expect(outside.status).toBe('committed');
    expect((await valuesHistory(repo, database.db, app, 1))[0].approval).toBeUndefined();
  });

  it('refuses requests from outside the team and for files that need no approval', async () => {
    const base = await headRevision(repo);
    expect((await requestChange(deps(), dmitri, { app: 'patient-portal', file: 'values-production.yaml', text: 'x: 1\n', baseRevision: base, message: '' })).status).toBe('forbidden');
    expect((await requestChange(deps(), ana, { app: 'patient-portal', file: 'values-stage.yaml', text: 'x: 1\n', baseRevision: base, message: '' })).status).toBe('bad-request');
  });
});

function capReplicas(node: unknown, max: number): unknown {
  if (Array.isArray(node)) return node.map((n) => capReplicas(n, max));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === 'replicas' && typeof value === 'object' && value !== null && 'type' in value ? { ...value, maximum: max } : capReplicas(value, max);
  }
  return out;
}
