import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { getMyGuideFeedback, saveGuideFeedback, summarizeGuideVotes } from './guide-feedback';
import { getMySessionFeedback, saveSessionFeedback, summarizeSessionRatings } from './session-feedback';
import { people, testCatalog } from './test-fixtures';

const firstSession = '2026-11-05-from-aptible-to-gke';
const now = new Date('2026-11-25T12:00:00.000Z');

describeEachDatabase('session and guide feedback', (database) => {
  it('keeps one rating per person per session, which they can change', async () => {
    const first = await saveSessionFeedback(people.ana, { sessionId: firstSession, rating: 3, unclear: 'Secrets rotation' }, { db: database.db, catalog: testCatalog, now });
    expect(first).toEqual({ ok: true, data: { sessionId: firstSession, created: true } });
    const again = await saveSessionFeedback(people.ana, { sessionId: firstSession, rating: 5, clear: 'The concept map', unclear: '', nextTopics: 'Cloud SQL' }, { db: database.db, catalog: testCatalog, now: new Date(now.getTime() + 1000) });
    expect(again).toEqual({ ok: true, data: { sessionId: firstSession, created: false } });
    expect(await getMySessionFeedback(people.ana, firstSession, { db: database.db })).toMatchObject({ rating: 5, clear: 'The concept map', unclear: '', nextTopics: 'Cloud SQL' });
    await saveSessionFeedback(people.dmitri, { sessionId: firstSession, rating: 2 }, { db: database.db, catalog: testCatalog, now });
    expect(await summarizeSessionRatings(database.db, [firstSession])).toEqual([{ sessionId: firstSession, count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] }]);
    const audit = await listAuditEvents(database.db, { target: `session:${firstSession}`, actor: people.ana.email });
    expect(audit.map((e) => e.action)).toEqual(['feedback.session-rating.update', 'feedback.session-rating.create']);
  });

  it('the database itself refuses a second rating row for the same person and session', async () => {
    const row = { session_id: 'dup-check', email: people.ivy.email, name: 'Ivy', team: null, rating: 4, clear: '', unclear: '', next_topics: '', created_at: now.toISOString(), updated_at: now.toISOString() };
    await database.db.insertInto('session_feedback').values(row).execute();
    await expect(database.db.insertInto('session_feedback').values(row).execute()).rejects.toThrow(/unique|duplicate/i);
  });

  it('refuses a rating for a session that does not exist or has not happened yet, or out of range', async () => {
    expect(await saveSessionFeedback(people.ana, { sessionId: 'no-such-session', rating: 4 }, { db: database.db, catalog: testCatalog, now })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await saveSessionFeedback(people.ana, { sessionId: '2026-12-17-cutover-week', rating: 4 }, { db: database.db, catalog: testCatalog, now })).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('not taken place yet') },
    });
    expect(await saveSessionFeedback(people.ana, { sessionId: firstSession, rating: 6 }, { db: database.db, catalog: testCatalog, now })).toMatchObject({
      ok: false,
      error: { fieldErrors: { rating: ['Pick a rating from 1 to 5.'] } },
    });
    expect(await saveSessionFeedback(people.ana, { sessionId: firstSession, rating: 4, nextTopics: 'x'.repeat(2001) }, { db: database.db, catalog: testCatalog, now })).toMatchObject({
      ok: false,
      error: { fieldErrors: { nextTopics: ['Keep this to 2,000 characters or fewer.'] } },
    });
  });

  it('"Was this helpful?" keeps one answer per person, with a reason when not', async () => {
    expect(await saveGuideFeedback(people.ana, { guide: 'logs', helpful: false }, { db: database.db, catalog: testCatalog, now })).toMatchObject({
      ok: false,
      error: { fieldErrors: { reason: ['Choose what was wrong with it.'] } },
    });
    expect(await saveGuideFeedback(people.ana, { guide: 'logs', helpful: false, reason: 'missing', comment: 'No word on log-based metrics' }, { db: database.db, catalog: testCatalog, now })).toMatchObject({ ok: true });
    expect(await saveGuideFeedback(people.dmitri, { guide: 'logs', helpful: true }, { db: database.db, catalog: testCatalog, now })).toMatchObject({ ok: true });
    expect(await summarizeGuideVotes(database.db, 'logs')).toEqual({ guide: 'logs', helpful: 1, notHelpful: 1 });
    await saveGuideFeedback(people.ana, { guide: 'logs', helpful: true, reason: 'missing' }, { db: database.db, catalog: testCatalog, now });
    expect(await summarizeGuideVotes(database.db, 'logs')).toEqual({ guide: 'logs', helpful: 2, notHelpful: 0 });
    expect(await getMyGuideFeedback(people.ana, 'logs', { db: database.db })).toMatchObject({ helpful: true, reason: null });
    expect(await saveGuideFeedback(people.ana, { guide: 'no-such-guide', helpful: true }, { db: database.db, catalog: testCatalog, now })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await saveGuideFeedback(null, { guide: 'logs', helpful: true }, { db: database.db, catalog: testCatalog, now })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
