import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { createFeedback } from './create-feedback';
import { getFeedbackItem } from './get-feedback-item';
import { people, problem, steppingClock, testCatalog } from './test-fixtures';

describeEachDatabase('filing feedback', (database) => {
  const tick = steppingClock();

  it('stores a problem with where it came from, the owning team and an audit event', async () => {
    const created = await createFeedback(people.dmitri, problem(), { db: database.db, catalog: testCatalog, now: tick() });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const detail = await getFeedbackItem(people.dmitri, created.data.id, { db: database.db });
    expect(detail?.item).toMatchObject({
      kind: 'app-problem',
      status: 'new',
      severity: 'degraded',
      workedOnAptible: true,
      app: 'scheduler',
      environment: 'production',
      page: '/apps/scheduler/production',
      team: 'clinical',
      reporter: { email: people.dmitri.email, name: 'Dmitri Volkov', team: 'clinical' },
      votes: 0,
      comments: 0,
      knownIssue: false,
    });
    expect(detail?.updates.map((u) => u.kind)).toEqual(['filed']);
    const [event] = await listAuditEvents(database.db, { target: `feedback:${created.data.id}` });
    expect(event).toMatchObject({ actor: people.dmitri.email, action: 'feedback.create', details: { kind: 'app-problem', app: 'scheduler' } });
  });

  it('files about the reporter’s own team when it names no app', async () => {
    const created = await createFeedback(
      people.ana,
      { kind: 'guide', title: 'Config vars guide skips secrets rotation', description: 'What restarts the pods?', context: { guide: 'config-vars', page: '/guides/config-vars' } },
      { db: database.db, catalog: testCatalog, now: tick() },
    );
    if (!created.ok) throw new Error(created.error.message);
    const detail = await getFeedbackItem(people.ana, created.data.id, { db: database.db });
    expect(detail?.item).toMatchObject({ team: 'patient-experience', guide: 'config-vars', severity: null, app: null });
  });

  it('refuses empty and oversized fields with an error on each field, and stores nothing', async () => {
    const before = await database.db.selectFrom('feedback_items').select('id').execute();
    const empty = await createFeedback(people.dmitri, problem({ title: ' ', description: '' }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(empty).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid',
        fieldErrors: { title: ['Give it a short title.'], description: ['Describe what happened or what is unclear.'] },
      }),
    });
    const oversized = await createFeedback(people.dmitri, problem({ title: 't'.repeat(201), description: 'd'.repeat(10_001) }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(oversized.ok ? {} : oversized.error.fieldErrors).toEqual({
      title: ['Keep the title to 200 characters or fewer.'],
      description: ['Keep the description to 10,000 characters or fewer.'],
    });
    expect(await database.db.selectFrom('feedback_items').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses feedback about an app, guide or session that does not exist', async () => {
    const app = await createFeedback(people.dmitri, problem({ context: { app: 'no-such-app' } }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(app.ok ? null : app.error).toMatchObject({ code: 'not-found', fieldErrors: { 'context.app': [expect.stringContaining('There is no app called no-such-app')] } });
    const environment = await createFeedback(people.dmitri, problem({ context: { app: 'berth', environment: 'stage' } }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(environment.ok ? null : environment.error.fieldErrors).toEqual({ 'context.environment': ['berth does not run in stage.'] });
    const guide = await createFeedback(people.dmitri, problem({ kind: 'guide', context: { guide: 'no-such-guide' } }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(guide.ok ? null : guide.error.code).toBe('not-found');
    const session = await createFeedback(people.dmitri, problem({ kind: 'session', context: { session: 'no-such-session' } }), { db: database.db, catalog: testCatalog, now: tick() });
    expect(session.ok ? null : session.error.code).toBe('not-found');
  });

  it('refuses a sixth item within a minute, even when they arrive at once, and accepts again a minute later', async () => {
    const now = new Date('2026-12-01T12:00:00.000Z');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createFeedback(people.esther, problem({ title: `Burst ${i}` }), { db: database.db, catalog: testCatalog, now })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(3);
    expect(refused[0].ok ? null : refused[0].error).toMatchObject({ code: 'rate-limited', message: expect.stringContaining('Wait a minute') });
    // Someone else is not held back by Esther's burst.
    expect((await createFeedback(people.ana, problem(), { db: database.db, catalog: testCatalog, now })).ok).toBe(true);
    const later = await createFeedback(people.esther, problem(), { db: database.db, catalog: testCatalog, now: new Date(now.getTime() + 61_000) });
    expect(later.ok).toBe(true);
  });

  it('refuses anonymous callers', async () => {
    const result = await createFeedback(null, problem(), { db: database.db, catalog: testCatalog, now: tick() });
    expect(result.ok ? null : result.error.code).toBe('unauthenticated');
  });
});
