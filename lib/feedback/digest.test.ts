import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/testing/databases';
import { createFeedback } from './create-feedback';
import { getFeedbackDigest } from './digest';
import { saveGuideFeedback } from './guide-feedback';
import { saveSessionFeedback } from './session-feedback';
import { people, problem, testCatalog } from './test-fixtures';
import { setFeedbackStatus } from './triage-feedback';

const at = (iso: string) => ({ now: new Date(iso) });

describeEachDatabase('the weekly digest', (database) => {
  it('lists what was filed, closed and is still open, grouped by team and kind, with session ratings over time', async () => {
    const file = async (user: typeof people.ana, when: string, overrides: Record<string, unknown> = {}) => {
      const created = await createFeedback(user, problem(overrides), { db: database.db, catalog: testCatalog, ...at(when) });
      if (!created.ok) throw new Error(created.error.message);
      return created.data.id;
    };
    // Before the period: one still open, one closed during the period.
    const oldOpen = await file(people.dmitri, '2026-11-10T10:00:00.000Z');
    const oldClosed = await file(people.ana, '2026-11-10T11:00:00.000Z', { context: { app: 'patient-portal' } });
    // In the period.
    const newProblem = await file(people.esther, '2026-11-20T10:00:00.000Z');
    const newIdea = await file(people.ana, '2026-11-21T10:00:00.000Z', { kind: 'idea', severity: undefined, context: {} });
    const newGuide = await file(people.ana, '2026-11-21T11:00:00.000Z', { kind: 'guide', severity: undefined, context: { guide: 'logs' } });
    await setFeedbackStatus(people.priya, { id: oldClosed, status: 'resolved' }, { db: database.db, ...at('2026-11-22T10:00:00.000Z') });
    await setFeedbackStatus(people.priya, { id: newGuide, status: 'wont-fix' }, { db: database.db, ...at('2026-11-22T11:00:00.000Z') });

    await saveSessionFeedback(people.ana, { sessionId: '2026-11-05-from-aptible-to-gke', rating: 4 }, { db: database.db, catalog: testCatalog, ...at('2026-11-06T10:00:00.000Z') });
    await saveSessionFeedback(people.dmitri, { sessionId: '2026-11-05-from-aptible-to-gke', rating: 2 }, { db: database.db, catalog: testCatalog, ...at('2026-11-06T10:00:00.000Z') });
    await saveSessionFeedback(people.ana, { sessionId: '2026-11-12-logs-health-checks-scaling', rating: 5, unclear: 'Probes vs. Aptible health checks' }, { db: database.db, catalog: testCatalog, ...at('2026-11-20T10:00:00.000Z') });
    await saveGuideFeedback(people.ivy, { guide: 'logs', helpful: false, reason: 'unclear', comment: 'Where do I filter by pod?' }, { db: database.db, catalog: testCatalog, ...at('2026-11-20T12:00:00.000Z') });

    const digest = await getFeedbackDigest(people.ivy, { since: new Date('2026-11-18T00:00:00.000Z') }, { db: database.db, catalog: testCatalog, now: new Date('2026-11-25T00:00:00.000Z') });
    if (!digest) throw new Error('no digest');
    expect(digest.totals).toEqual({ filed: 3, closed: 2, open: 3 });
    expect(digest.filed.map((g) => [g.teamName, g.kinds.map((k) => [k.kind, k.items.map((i) => i.id)])])).toEqual([
      ['Clinical', [['app-problem', [newProblem]]]],
      ['Patient Experience', [['guide', [newGuide]], ['idea', [newIdea]]]],
    ]);
    expect(digest.closed.flatMap((g) => g.kinds.flatMap((k) => k.items.map((i) => i.id))).sort()).toEqual([oldClosed, newGuide].sort());
    expect(digest.open.flatMap((g) => g.kinds.flatMap((k) => k.items.map((i) => i.id))).sort()).toEqual([oldOpen, newProblem, newIdea].sort());
    expect(digest.sessionRatings).toEqual([
      { sessionId: '2026-11-05-from-aptible-to-gke', title: 'From Aptible to GKE: the map', startsAt: '2026-11-05T17:00:00.000Z', average: 3, count: 2 },
      { sessionId: '2026-11-12-logs-health-checks-scaling', title: 'Logs, health checks, scaling', startsAt: '2026-11-12T17:00:00.000Z', average: 5, count: 1 },
    ]);
    expect(digest.sessionComments.map((c) => [c.sessionTitle, c.unclear])).toEqual([['Logs, health checks, scaling', 'Probes vs. Aptible health checks']]);
    expect(digest.unhelpfulGuides.map((v) => [v.guideTitle, v.reason, v.comment])).toEqual([['Logs', 'unclear', 'Where do I filter by pod?']]);
    expect(await getFeedbackDigest(null, { since: new Date() }, { db: database.db, catalog: testCatalog })).toBeNull();
  });
});
