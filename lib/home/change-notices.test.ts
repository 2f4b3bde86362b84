// The notices that follow a person around Berth, against a real database: the navigation's count
// of reviews waiting, and the decisions on an author's own requests until they have seen them.
import { expect, it } from 'vitest';
import { resolveUser } from '@/lib/auth/user';
import { addChangeEvent } from '@/lib/changes/change-repository';
import type { BerthDb } from '@/lib/db/get-db';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleCatalog } from '@/lib/testing/sample-catalog';
import { countWaitingReviews, listUnseenDecisions, markDecisionsSeen } from './change-notices';
import { markChangeDecisionsSeen } from './mark-decisions-seen';

const catalog = sampleCatalog();
const person = (email: string) => resolveUser(email, catalog);
const ana = person('ana.souza@meridiancare.example'); // patient-experience, owns patient-portal
const ben = person('ben.okafor@meridiancare.example'); // patient-experience
const dmitri = person('dmitri.volkov@meridiancare.example'); // clinical

async function openRequest(db: BerthDb, author: typeof ben, title: string, app = 'patient-portal'): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('change_requests')
    .values({
      app,
      file_name: 'values-production.yaml',
      file_path: `apps/${app}/values-production.yaml`,
      environments: '["production"]',
      title,
      author_email: author.email,
      author_name: author.name,
      base_revision: 'a'.repeat(40),
      base_text: 'replicaCount: 2\n',
      proposed_text: 'replicaCount: 3\n',
      // One open request per exact proposal (migration 045): each row proposes its own.
      diff_hash: `h-${app}-${title}`,
      evaluation: '{}',
      status: 'open',
      status_reason: null,
      merged_revision: null,
      merge_commit: null,
      merge_owner: null,
      merge_heartbeat_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await addChangeEvent(db, { changeId: id, actor: author, kind: 'opened' });
  return id;
}

describeEachDatabase('change notices', (database) => {
  it('counts the open requests a person may review, never their own, in one query', async () => {
    const db = database.db;
    const anaBefore = await countWaitingReviews(db, ana, catalog);
    const benBefore = await countWaitingReviews(db, ben, catalog);
    const dmitriBefore = await countWaitingReviews(db, dmitri, catalog);
    await openRequest(db, ben, 'Three web pods');
    expect(await countWaitingReviews(db, ana, catalog)).toBe(anaBefore + 1);
    // Ben's own request does not wait for him; another team's engineer cannot review it.
    expect(await countWaitingReviews(db, ben, catalog)).toBe(benBefore);
    expect(await countWaitingReviews(db, dmitri, catalog)).toBe(dmitriBefore);
    expect(await countWaitingReviews(db, null, catalog)).toBe(0);
  });

  it('tells the author of each decision by someone else until they have seen it', async () => {
    const db = database.db;
    await markDecisionsSeen(db, ben);
    expect(await listUnseenDecisions(db, ben)).toEqual([]);

    const merged = await openRequest(db, ben, 'Raise the web memory limit');
    await addChangeEvent(db, { changeId: merged, actor: ana, kind: 'approved' });
    await addChangeEvent(db, { changeId: merged, actor: ana, kind: 'merged', body: 'abc1234' });
    const rejected = await openRequest(db, ben, 'Drop the readiness probe');
    await addChangeEvent(db, { changeId: rejected, actor: ana, kind: 'rejected', body: 'We need the probe for rollouts.' });
    // A comment is not a decision; the author's own withdrawal neither.
    await addChangeEvent(db, { changeId: rejected, actor: ana, kind: 'comment', body: 'Happy to pair on it.' });

    const decisions = await listUnseenDecisions(db, ben);
    expect(decisions.map((d) => [d.changeId, d.kind])).toEqual([
      [rejected, 'rejected'],
      [merged, 'merged'],
    ]);
    expect(decisions[0]).toMatchObject({ app: 'patient-portal', title: 'Drop the readiness probe', actor: ana.name, body: 'We need the probe for rollouts.' });
    // Only the author is told.
    expect((await listUnseenDecisions(db, ana)).map((d) => d.changeId)).not.toContain(merged);

    // Opening one request marks that one seen; the other stays until he looks.
    expect(await markChangeDecisionsSeen(ben, { changeIds: [merged] }, { db })).toEqual({ ok: true, data: { marked: 1 } });
    expect((await listUnseenDecisions(db, ben)).map((d) => d.changeId)).toEqual([rejected]);
    // Someone else cannot mark Ben's decisions seen.
    await markDecisionsSeen(db, ana, [rejected]);
    expect((await listUnseenDecisions(db, ben)).map((d) => d.changeId)).toEqual([rejected]);
    await markDecisionsSeen(db, ben);
    expect(await listUnseenDecisions(db, ben)).toEqual([]);

    // A later decision on a seen request is new again.
    await addChangeEvent(db, { changeId: rejected, actor: ana, kind: 'stale' });
    expect((await listUnseenDecisions(db, ben)).map((d) => [d.changeId, d.kind])).toEqual([[rejected, 'stale']]);
  });

  it('refuses to mark anything without a person', async () => {
    const result = await markChangeDecisionsSeen(null, {}, { db: database.db });
    expect(result.ok).toBe(false);
  });
});
