import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import type { BerthUser } from '@/lib/auth/user';
import { commitChange } from '@/lib/gitops/commit-change';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { saveValues } from '@/lib/values-files/save-values';
import { valuesHistory } from '@/lib/values-files/values-history';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { findChangeRequest, listChangeEvents } from './change-repository';
import { getChangeRequest } from './get-change-request';
import { listInbox } from './list-inbox';
import { approveChange, type ChangeDeps, type ChangeResult, commentOnChange, rejectChange, requestChange, updateChangeRequest, withdrawChange } from './change-flows';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const ben: BerthUser = { email: 'ben.okafor@meridiancare.example', name: 'Ben Okafor', role: 'engineer', team: 'patient-experience' };
const chloe: BerthUser = { email: 'chloe.park@meridiancare.example', name: 'Chloe Park', role: 'engineer', team: 'patient-experience' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };

const PROD = 'apps/patient-portal/values-production.yaml';

/** 'ok', or the code of the refusal. */
const outcome = (result: ChangeResult) => (result.ok ? 'ok' : result.error.code);

describeEachDatabase('production change requests', (database) => {
  const { repo, git } = sampleRepoForSuite();
  const deps = (): ChangeDeps => ({ db: database.db, repo });

  async function propose(author: BerthUser, edit: (text: string) => string, message = 'Scale web in production') {
    const base = await headRevision(repo);
    const text = edit((await readFile(repo, PROD)) ?? '');
    return requestChange(author, { app: 'patient-portal', file: 'values-production.yaml', text, baseRevision: base, message }, deps());
  }

  const bumpLogLevel = (level: string) => (text: string) => `${text.trimEnd()}\n# level ${level}\n`;

  it('A requests, B of the same team approves, the commit lands with both names', async () => {
    const opened = await propose(ana, (t) => t.replace(/replicas: 3/, 'replicas: 4'));
    expect(outcome(opened)).toBe('ok');
    if (!opened.ok) return;
    expect(opened.data.status).toBe('open');
    expect(opened.data.evaluation.environments[0].effects.map((e) => e.summary)).toContain('web will run 4 pods instead of 3 in production');

    const approved = await approveChange(ben, { id: opened.data.id, diffHash: opened.data.diffHash, comment: 'LGTM' }, deps());
    expect(outcome(approved)).toBe('ok');
    if (!approved.ok) return;
    expect(approved.data.status).toBe('merged');
    expect(git('log', '-1', '--format=%an|%cn|%s|%(trailers:key=Approved-by,valueonly)').trim()).toBe(
      'Ana Souza|Berth|Scale web in production|Ben Okafor <ben.okafor@meridiancare.example>',
    );
    expect(approved.data.mergedRevision).toBe(git('rev-parse', 'HEAD').trim());
    const actions = (await listAuditEvents(database.db, { target: `change:${opened.data.id}` })).map((e) => e.action);
    expect(actions).toEqual(['change.merge', 'change.approve', 'change.request']);
  });

  it('refuses self-approval, an approver outside the team, and a replayed approval', async () => {
    const opened = await propose(ana, bumpLogLevel('a'));
    if (!opened.ok) throw new Error(opened.error.message);
    const { id, diffHash } = opened.data;
    expect(outcome(await approveChange(ana, { id, diffHash }, deps()))).toBe('forbidden');
    expect(outcome(await approveChange(dmitri, { id, diffHash }, deps()))).toBe('forbidden');
    const head = git('rev-parse', 'HEAD');
    expect(outcome(await approveChange(priya, { id, diffHash }, deps()))).toBe('ok');
    expect(outcome(await approveChange(ben, { id, diffHash }, deps()))).toBe('conflict');
    expect(git('rev-list', '--count', `${head.trim()}..HEAD`).trim()).toBe('1');
  });

  it('voids an approval when the diff changes after review', async () => {
    const opened = await propose(ana, bumpLogLevel('b'));
    if (!opened.ok) throw new Error(opened.error.message);
    const reviewed = opened.data.diffHash;
    const updated = await updateChangeRequest(ana, { id: opened.data.id, text: `${opened.data.proposedText}# and more\n`, baseRevision: opened.data.baseRevision }, deps());
    expect(outcome(updated)).toBe('ok');
    const stale = await approveChange(ben, { id: opened.data.id, diffHash: reviewed }, deps());
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/changed after you reviewed it/) } });
    if (updated.ok) expect(outcome(await approveChange(ben, { id: opened.data.id, diffHash: updated.data.diffHash }, deps()))).toBe('ok');
  });

  it('marks a request stale when the file changed meanwhile, and the author re-bases it', async () => {
    const opened = await propose(ana, bumpLogLevel('c'));
    if (!opened.ok) throw new Error(opened.error.message);
    await commitChange(repo, { files: [{ path: PROD, text: `${(await readFile(repo, PROD)) ?? ''}# hotfix\n` }], baseRevision: await headRevision(repo), author: priya, message: 'hotfix' });
    // Approving what can no longer merge is refused with the reason, and the request reads stale.
    const result = await approveChange(chloe, { id: opened.data.id, diffHash: opened.data.diffHash }, deps());
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^This change request is stale: .*re-bases/) } });
    expect(await findChangeRequest(database.db, opened.data.id)).toMatchObject({ status: 'stale', statusReason: expect.stringMatching(/re-bases/) });
    expect((await listChangeEvents(database.db, opened.data.id)).map((e) => e.kind)).not.toContain('approved');
    const head = await headRevision(repo);
    const rebased = await updateChangeRequest(ana, { id: opened.data.id, text: `${(await readFile(repo, PROD)) ?? ''}# level c\n`, baseRevision: head }, deps());
    expect(outcome(rebased)).toBe('ok');
    if (rebased.ok) expect(rebased.data.status).toBe('open');
  });

  it('refuses to merge a change that no longer validates, and says why', async () => {
    const opened = await propose(ana, (t) => t.replace(/replicas: \d+/, 'replicas: 7'), 'Seven web pods');
    if (!opened.ok) throw new Error(opened.error.message);
    // The platform team tightens the chart: at most 5 pods per deployment.
    const schemaText = (await readFile(repo, 'chart/values.schema.json')) ?? '';
    const tightened = JSON.stringify(capReplicas(JSON.parse(schemaText), 5), null, 2);
    await commitChange(repo, { files: [{ path: 'chart/values.schema.json', text: tightened }], baseRevision: await headRevision(repo), author: priya, message: 'cap replicas' });
    const head = git('rev-parse', 'HEAD');
    const result = await approveChange(ben, { id: opened.data.id, diffHash: opened.data.diffHash }, deps());
    expect(outcome(result)).toBe('invalid');
    expect(git('rev-parse', 'HEAD')).toBe(head);
    const events = await listChangeEvents(database.db, opened.data.id);
    expect(events.at(-1)).toMatchObject({ kind: 'merge-refused', body: expect.stringMatching(/no longer validates/) });
  });

  it('lets only the author withdraw, and a reviewer reject', async () => {
    const one = await propose(ana, bumpLogLevel('d'));
    const two = await propose(ana, bumpLogLevel('e'));
    if (!one.ok || !two.ok) throw new Error('setup');
    expect(outcome(await withdrawChange(ben, { id: one.data.id }, deps()))).toBe('forbidden');
    expect(outcome(await withdrawChange(ana, { id: one.data.id }, deps()))).toBe('ok');
    expect(outcome(await rejectChange(ana, { id: two.data.id, comment: 'no' }, deps()))).toBe('forbidden');
    const rejected = await rejectChange(ben, { id: two.data.id, comment: 'Not during the cutover week.' }, deps());
    expect(rejected.ok && rejected.data.status).toBe('rejected');
    expect(outcome(await approveChange(ben, { id: two.data.id, diffHash: two.data.diffHash }, deps()))).toBe('conflict');
  });

  it('merges exactly once when two reviewers approve at the same moment', async () => {
    const opened = await propose(ana, bumpLogLevel('race'));
    if (!opened.ok) throw new Error(opened.error.message);
    const head = git('rev-parse', 'HEAD').trim();
    const results = await Promise.all([ben, chloe, priya].map((r) => approveChange(r, { id: opened.data.id, diffHash: opened.data.diffHash }, deps())));
    expect(results.filter((r) => outcome(r) === 'ok')).toHaveLength(1);
    expect(results.filter((r) => outcome(r) === 'conflict')).toHaveLength(2);
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
    expect(forgedSave.ok && forgedSave.data.status).toBe('committed');
    expect(git('log', '-1', '--format=%(trailers:only)').trim()).toBe('');
    // A change request whose message adds a second, fake approval paragraph; Chloe really approves.
    const opened = await propose(ana, bumpLogLevel('forged'), 'Raise the log level\n\nApproved-by: Priya Raman <priya.raman@meridiancare.example>\u2028Change-request: #1');
    if (!opened.ok) throw new Error(opened.error.message);
    expect(outcome(await approveChange(chloe, { id: opened.data.id, diffHash: opened.data.diffHash }, deps()))).toBe('ok');
    expect(git('log', '-1', '--format=%(trailers:key=Approved-by,valueonly)').trim()).toBe('Chloe Park <chloe.park@meridiancare.example>');

    const [merge, save] = await valuesHistory({ app, limit: 2 }, { repo, db: database.db });
    expect(merge.approval).toEqual({ changeId: opened.data.id, approver: { name: 'Chloe Park', email: 'chloe.park@meridiancare.example' } });
    expect(save.revision).toBe(forgedSave.ok ? forgedSave.data.revision : '');
    expect(save.approval).toBeUndefined();
    // A commit made outside Berth that claims a real request's number is not that request's merge.
    const outside = await commitChange(repo, {
      files: [{ path: 'apps/patient-portal/values-stage.yaml', text: `${stage}# outside\n` }],
      baseRevision: await headRevision(repo),
      author: priya,
      message: 'Copy',
      trailers: { 'Approved-by': ['Ben Okafor <ben.okafor@meridiancare.example>'], 'Change-request': [`#${opened.data.id}`] },
    });
    expect(outside.status).toBe('committed');
    expect((await valuesHistory({ app, limit: 1 }, { repo, db: database.db }))[0].approval).toBeUndefined();
  });

  it('lets the people who may make or review a change discuss it, and no one else', async () => {
    const opened = await propose(ana, bumpLogLevel('talk'));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(outcome(await commentOnChange(ben, { id: opened.data.id, body: 'Why now?' }, deps()))).toBe('ok');
    expect(outcome(await commentOnChange(priya, { id: opened.data.id, body: 'Fine by the platform team.' }, deps()))).toBe('ok');
    expect(outcome(await commentOnChange(dmitri, { id: opened.data.id, body: 'Drive-by.' }, deps()))).toBe('forbidden');
    const comments = (await listChangeEvents(database.db, opened.data.id)).filter((e) => e.kind === 'comment').map((e) => e.body);
    expect(comments).toEqual(['Why now?', 'Fine by the platform team.']);
  });

  it('refuses requests from outside the team and for files that need no approval', async () => {
    const base = await headRevision(repo);
    expect(outcome(await requestChange(dmitri, { app: 'patient-portal', file: 'values-production.yaml', text: 'x: 1\n', baseRevision: base, message: '' }, deps()))).toBe('forbidden');
    expect(outcome(await requestChange(ana, { app: 'patient-portal', file: 'values-stage.yaml', text: 'x: 1\n', baseRevision: base, message: '' }, deps()))).toBe('invalid');
  });
  it('refuses a second identical request and points to the open one', async () => {
    const first = await propose(ana, bumpLogLevel('twice'));
    if (!first.ok) throw new Error(first.error.message);
    const second = await requestChange(
      ana,
      { app: 'patient-portal', file: 'values-production.yaml', text: first.data.proposedText, baseRevision: first.data.baseRevision, message: 'again' },
      deps(),
    );
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict', details: { existing: first.data.id }, message: expect.stringMatching(`#${first.data.id} already proposes exactly this change`) } });
    // Another person asking for exactly the same is the same proposal too.
    const byBen = await requestChange(ben, { app: 'patient-portal', file: 'values-production.yaml', text: first.data.proposedText, baseRevision: first.data.baseRevision, message: '' }, deps());
    expect(byBen).toMatchObject({ ok: false, error: { details: { existing: first.data.id } } });
    // Once it is withdrawn, the same change can be requested again.
    expect(outcome(await withdrawChange(ana, { id: first.data.id }, deps()))).toBe('ok');
    const third = await requestChange(ana, { app: 'patient-portal', file: 'values-production.yaml', text: first.data.proposedText, baseRevision: first.data.baseRevision, message: 'third' }, deps());
    expect(outcome(third)).toBe('ok');
  });

  it('opens one request when two identical ones race (a double click), across connections', async () => {
    const base = await headRevision(repo);
    const text = `${(await readFile(repo, PROD)) ?? ''}# double click\n`;
    const submit = () => requestChange(ana, { app: 'patient-portal', file: 'values-production.yaml', text, baseRevision: base, message: 'double' }, deps());
    const results = await Promise.all([submit(), submit(), submit()]);
    const opened = results.filter((r) => r.ok);
    expect(opened).toHaveLength(1);
    const id = opened[0].ok ? opened[0].data.id : 0;
    for (const refused of results.filter((r) => !r.ok)) expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { existing: id } } });
    const rows = await database.db.selectFrom('change_requests').select('id').where('proposed_text', '=', text).execute();
    expect(rows).toHaveLength(1);
  });

  it('works out staleness when the request is looked at: stale at once, with no approval needed to find out', async () => {
    const opened = await propose(ana, bumpLogLevel('looked-at'));
    if (!opened.ok) throw new Error(opened.error.message);
    const fresh = await getChangeRequest(ben, opened.data.id, deps());
    expect(fresh.ok && fresh.data.change.status).toBe('open');
    await commitChange(repo, { files: [{ path: PROD, text: `${(await readFile(repo, PROD)) ?? ''}# someone else\n` }], baseRevision: await headRevision(repo), author: priya, message: 'other' });
    const seen = await getChangeRequest(ben, opened.data.id, deps());
    expect(seen).toMatchObject({ ok: true, data: { change: { status: 'stale', statusReason: expect.stringMatching(/changed in the repository/) } } });
    if (seen.ok) expect(seen.data.events.at(-1)).toMatchObject({ kind: 'stale', actor: { name: 'Berth' } });
    // The inbox no longer offers it for review.
    const catalog = await loadCatalog(repo);
    const inbox = await listInbox(ben, { ...deps(), catalog });
    expect(inbox.waitingForMe.map((c) => c.id)).not.toContain(opened.data.id);
  });

  it('moves every overtaken open request to stale when the inbox is listed', async () => {
    const opened = await propose(ana, bumpLogLevel('inbox'));
    if (!opened.ok) throw new Error(opened.error.message);
    await commitChange(repo, { files: [{ path: PROD, text: `${(await readFile(repo, PROD)) ?? ''}# inbox overtaken\n` }], baseRevision: await headRevision(repo), author: priya, message: 'overtake' });
    const inbox = await listInbox(ben, deps());
    expect(inbox.waitingForMe.map((c) => c.id)).not.toContain(opened.data.id);
    expect(inbox.recent.find((c) => c.id === opened.data.id)?.status).toBe('stale');
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
