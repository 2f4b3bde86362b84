import { expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { BERTH_COMMITTER } from '@/lib/gitops/berth-identity';
import { buildCommit } from '@/lib/gitops/build-commit';
import { commitChange } from '@/lib/gitops/commit-change';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { addChangeEvent, findChangeRequest } from './change-repository';
import { approveChange, type ChangeDeps, rejectChange, requestChange, updateChangeRequest, withdrawChange } from './change-flows';
import { approvalsForCommits } from './commit-approvals';
import { mergeApproved, recoverStuckChanges } from './merge-change';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const ben: BerthUser = { email: 'ben.okafor@meridiancare.example', name: 'Ben Okafor', role: 'engineer', team: 'patient-experience' };
const PROD = 'apps/patient-portal/values-production.yaml';
const LONG_AGO = '2000-01-01T00:00:00.000Z';

// What a replica that died mid-merge leaves in the database and the repository, and what the next
// replica makes of it.
describeEachDatabase('change requests left approved by a merge that stopped', (database) => {
  const { repo, git } = sampleRepoForSuite();
  const deps = (): ChangeDeps => ({ db: database.db, repo });
  const commitsFor = (id: number) => git('log', '--format=%(trailers:key=Change-request,valueonly)').split('\n').filter((l) => l.trim() === `#${id}`).length;

  let counter = 0;
  /** An open request, then the state an approving replica that died leaves: approved, its lease stale. */
  async function stuckRequest(fields: { merge_commit?: string | null } = {}) {
    const base = await headRevision(repo);
    const text = `${(await readFile(repo, PROD)) ?? ''}# stuck ${++counter}\n`;
    const opened = await requestChange(ana, { app: 'patient-portal', file: 'values-production.yaml', text, baseRevision: base, message: `Stuck change ${counter}` }, deps());
    if (!opened.ok) throw new Error(opened.error.message);
    await database.db
      .updateTable('change_requests')
      .set({ status: 'approved', merge_owner: 'replica-that-died', merge_heartbeat_at: LONG_AGO, version: opened.data.version + 1, ...fields })
      .where('id', '=', opened.data.id)
      .execute();
    await addChangeEvent(database.db, { changeId: opened.data.id, actor: ben, kind: 'approved', diffHash: opened.data.diffHash });
    return opened.data;
  }

  it('merges it exactly once when several replicas find it at the same moment', async () => {
    const change = await stuckRequest();
    const before = git('rev-parse', 'HEAD').trim();
    const taken = await Promise.all([recoverStuckChanges(deps()), recoverStuckChanges(deps()), recoverStuckChanges(deps())]);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(1);
    const after = await findChangeRequest(database.db, change.id);
    expect(after).toMatchObject({ status: 'merged', mergeHeartbeatAt: null });
    expect(git('rev-list', '--count', `${before}..HEAD`).trim()).toBe('1');
    expect(commitsFor(change.id)).toBe(1);
    expect(git('log', '-1', '--format=%an|%(trailers:key=Approved-by,valueonly)').trim()).toBe('Ana Souza|Ben Okafor <ben.okafor@meridiancare.example>');
    expect((await approvalsForCommits(database.db, [after!.mergedRevision!])).get(after!.mergedRevision!)).toEqual({ changeId: change.id, approver: { name: 'Ben Okafor', email: ben.email } });
  });

  it('records the merge when its commit landed before the replica died, without merging again', async () => {
    const change = await stuckRequest();
    // The dead replica's commit is on the branch; only the database never heard of it.
    const landed = await commitChange(repo, {
      files: [{ path: PROD, text: change.proposedText }],
      baseRevision: change.baseRevision,
      author: change.author,
      message: change.title,
      trailers: { 'Approved-by': [`${ben.name} <${ben.email}>`], 'Change-request': [`#${change.id}`] },
    });
    if (landed.status !== 'committed') throw new Error(landed.status);
    await database.db.updateTable('change_requests').set({ merge_commit: landed.revision }).where('id', '=', change.id).execute();
    expect(await recoverStuckChanges(deps())).toBe(1);
    expect(await findChangeRequest(database.db, change.id)).toMatchObject({ status: 'merged', mergedRevision: landed.revision, mergeCommit: landed.revision });
    expect(git('rev-parse', 'HEAD').trim()).toBe(landed.revision);
    expect(commitsFor(change.id)).toBe(1);
  });

  it('merges again when the dead replica wrote its commit but the branch never moved to it', async () => {
    const change = await stuckRequest();
    const orphan = await buildCommit(repo, { parent: await headRevision(repo), changes: [{ path: PROD, text: change.proposedText }], message: 'never landed\n', author: change.author, committer: BERTH_COMMITTER });
    await database.db.updateTable('change_requests').set({ merge_commit: orphan }).where('id', '=', change.id).execute();
    expect(await recoverStuckChanges(deps())).toBe(1);
    const after = await findChangeRequest(database.db, change.id);
    expect(after?.status).toBe('merged');
    expect(after?.mergedRevision).not.toBe(orphan);
    expect(git('rev-parse', 'HEAD').trim()).toBe(after?.mergedRevision);
    expect(commitsFor(change.id)).toBe(1);
  });

  it('returns it to the author as stale when the file changed meanwhile, so it can be re-based', async () => {
    const change = await stuckRequest();
    await commitChange(repo, { files: [{ path: PROD, text: `${(await readFile(repo, PROD)) ?? ''}# hotfix\n` }], baseRevision: await headRevision(repo), author: ben, message: 'hotfix' });
    expect(await recoverStuckChanges(deps())).toBe(1);
    expect(await findChangeRequest(database.db, change.id)).toMatchObject({ status: 'stale' });
    const rebased = await updateChangeRequest(ana, { id: change.id, text: `${(await readFile(repo, PROD)) ?? ''}# rebased\n`, baseRevision: await headRevision(repo) }, deps());
    expect(rebased.ok).toBe(true);
    expect((await withdrawChange(ana, { id: change.id }, deps())).ok).toBe(true);
  });

  it('leaves a merge that is still alive alone, and a merge that lost its lease cannot land', async () => {
    const change = await stuckRequest();
    await database.db.updateTable('change_requests').set({ merge_heartbeat_at: new Date().toISOString() }).where('id', '=', change.id).execute();
    expect(await recoverStuckChanges(deps())).toBe(0);
    // The replica that "died" comes back after another took over: its commit must not land.
    const head = git('rev-parse', 'HEAD').trim();
    const current = (await findChangeRequest(database.db, change.id))!;
    const late = await mergeApproved({ db: database.db, repo }, current, ben, 'an-older-token');
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/took over/) } });
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
    expect((await findChangeRequest(database.db, change.id))?.status).toBe('approved');
    await database.db.updateTable('change_requests').set({ merge_heartbeat_at: LONG_AGO }).where('id', '=', change.id).execute();
    expect(await recoverStuckChanges(deps())).toBe(1);
    expect((await findChangeRequest(database.db, change.id))?.status).toBe('merged');
    expect(await rejectChange(ben, { id: change.id, comment: 'late' }, deps())).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a base revision that is not a commit of the branch, on create and on update', async () => {
    const text = `${(await readFile(repo, PROD)) ?? ''}# base check\n`;
    const request = (baseRevision: string) => requestChange(ana, { app: 'patient-portal', file: 'values-production.yaml', text, baseRevision, message: 'x' }, deps());
    expect(await request('0123456789abcdef0123456789abcdef01234567')).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/not in the config repository/) } });
    const elsewhere = await buildCommit(repo, { parent: await headRevision(repo), changes: [{ path: PROD, text: 'replicas: 99\n' }], message: 'side\n', author: ana, committer: BERTH_COMMITTER });
    expect(await request(elsewhere)).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/not part of the main branch/) } });
    const opened = await request(await headRevision(repo));
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await updateChangeRequest(ana, { id: opened.data.id, text: `${text}# more\n`, baseRevision: elsewhere }, deps())).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const approved = await approveChange(ben, { id: opened.data.id, diffHash: opened.data.diffHash }, deps());
    expect(approved.ok && approved.data.status).toBe('merged');
  });
});
