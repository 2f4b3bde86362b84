import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { addComment } from './add-comment';
import { createFeedback } from './create-feedback';
import { editFeedback } from './edit-feedback';
import { getFeedbackItem } from './get-feedback-item';
import { listKnownIssues } from './known-issues';
import { linkFeedback } from './link-feedback';
import { listFeedback } from './list-feedback';
import { countUnreadFeedbackUpdates, listMyFeedback, markAllFeedbackSeen, markFeedbackSeen } from './my-feedback';
import { people, problem, steppingClock, testCatalog } from './test-fixtures';
import { assignFeedbackOwner, setFeedbackKnownIssue, setFeedbackStatus } from './triage-feedback';
import { voteFeedback } from './vote-feedback';

describeEachDatabase('triaging feedback', (database) => {
  const tick = steppingClock();
  const file = async (user = people.dmitri, overrides: Record<string, unknown> = {}) => {
    const created = await createFeedback(user, problem(overrides), { db: database.db, catalog: testCatalog, now: tick() });
    if (!created.ok) throw new Error(created.error.message);
    return created.data.id;
  };

  it('runs from new to resolved, tells the reporter, and audits every change', async () => {
    const id = await file();
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(0);

    // The reporter rewords it while it is new; their own edit is not an "update" for them.
    expect(await editFeedback(people.dmitri, { id, ...problem({ title: 'Worker restarts hourly in production' }) }, { db: database.db, now: tick() })).toMatchObject({ ok: true });
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(0);

    expect(await setFeedbackStatus(people.priya, { id, status: 'triaged' }, { db: database.db, now: tick() })).toMatchObject({ ok: true });
    expect(await assignFeedbackOwner(people.priya, { id, ownerEmail: people.marcus.email }, { db: database.db, catalog: testCatalog, now: tick() })).toMatchObject({ ok: true });
    expect(await setFeedbackStatus(people.marcus, { id, status: 'in-progress' }, { db: database.db, now: tick() })).toMatchObject({ ok: true });
    expect(await linkFeedback(people.marcus, { id, ref: '3f2a9c1' }, { db: database.db, now: tick() })).toMatchObject({ ok: true });
    expect(await linkFeedback(people.marcus, { id, ref: '3F2A9C1' }, { db: database.db, now: tick() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      await setFeedbackStatus(people.marcus, { id, status: 'resolved', comment: 'Raised the memory limit; the OOM kills stopped.' }, { db: database.db, now: tick() }),
    ).toMatchObject({ ok: true });

    const detail = await getFeedbackItem(people.dmitri, id, { db: database.db });
    expect(detail?.item).toMatchObject({ title: 'Worker restarts hourly in production', status: 'resolved', owner: { email: people.marcus.email, name: 'Marcus Chen' }, comments: 1 });
    expect(detail?.item.closedAt).not.toBeNull();
    expect(detail?.updates.map((u) => [u.kind, u.to ?? u.body])).toEqual([
      ['filed', 'new'],
      ['edited', 'title'],
      ['status', 'triaged'],
      ['owner', 'Marcus Chen'],
      ['status', 'in-progress'],
      ['link', '3f2a9c1'],
      ['status', 'resolved'],
      ['comment', 'Raised the memory limit; the OOM kills stopped.'],
    ]);
    expect(detail?.updates.find((u) => u.kind === 'link')?.link).toEqual({ type: 'commit', sha: '3f2a9c1' });
    expect(detail?.permissions).toMatchObject({ edit: false, triage: false, comment: true, vote: false });

    // Six updates by others since filing: the badge says so until the reporter opens the item.
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(6);
    const mine = await listMyFeedback(people.dmitri, { db: database.db });
    expect(mine.find((i) => i.id === id)?.unread).toBe(6);
    await markFeedbackSeen(people.dmitri, id, { db: database.db });
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(0);
    await addComment(people.ana, { id, body: 'Thanks, same fix worked for us.' }, { db: database.db, now: tick() });
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(1);
    await markAllFeedbackSeen(people.dmitri, { db: database.db });
    expect(await countUnreadFeedbackUpdates(people.dmitri, { db: database.db })).toBe(0);

    const audit = await listAuditEvents(database.db, { target: `feedback:${id}` });
    expect(audit.map((e) => e.action).reverse()).toEqual([
      'feedback.create',
      'feedback.edit',
      'feedback.status',
      'feedback.assign',
      'feedback.status',
      'feedback.link',
      'feedback.status',
      'feedback.comment',
      'feedback.comment',
    ]);
  });

  it('reopening clears the closing time; setting the same status twice records nothing', async () => {
    const id = await file();
    await setFeedbackStatus(people.priya, { id, status: 'wont-fix' }, { db: database.db, now: tick() });
    await setFeedbackStatus(people.priya, { id, status: 'wont-fix' }, { db: database.db, now: tick() });
    await setFeedbackStatus(people.priya, { id, status: 'triaged' }, { db: database.db, now: tick() });
    const detail = await getFeedbackItem(people.priya, id, { db: database.db });
    expect(detail?.item).toMatchObject({ status: 'triaged', closedAt: null });
    expect(detail?.updates.filter((u) => u.kind === 'status').map((u) => `${u.from}→${u.to}`)).toEqual(['new→wont-fix', 'wont-fix→triaged']);
  });

  it('only the platform team can own feedback', async () => {
    const id = await file();
    const result = await assignFeedbackOwner(people.priya, { id, ownerEmail: people.ana.email }, { db: database.db, catalog: testCatalog, now: tick() });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', fieldErrors: { ownerEmail: [`${people.ana.email} is not on the platform team.`] } } });
    expect(await assignFeedbackOwner(people.priya, { id, ownerEmail: null }, { db: database.db, catalog: testCatalog, now: tick() })).toMatchObject({ ok: true });
  });

  it('counts one "me too" per person, and lets them take it back', async () => {
    const id = await file();
    await voteFeedback(people.ana, { id, voted: true }, { db: database.db, now: tick() });
    await voteFeedback(people.ana, { id, voted: true }, { db: database.db, now: tick() });
    const both = await Promise.all([voteFeedback(people.priya, { id, voted: true }, { db: database.db }), voteFeedback(people.priya, { id, voted: true }, { db: database.db })]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect((await getFeedbackItem(people.ana, id, { db: database.db }))?.item.votes).toBe(2);
    expect((await getFeedbackItem(people.ana, id, { db: database.db }))?.votedByMe).toBe(true);
    const undone = await voteFeedback(people.ana, { id, voted: false }, { db: database.db, now: tick() });
    expect(undone).toEqual({ ok: true, data: { id, voted: false, votes: 1 } });
    const own = await voteFeedback(people.dmitri, { id, voted: true }, { db: database.db });
    expect(own).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows a known issue on its app until it is resolved', async () => {
    const id = await file(people.ana, { context: { app: 'patient-portal' } });
    const idea = await file(people.ana, { kind: 'idea', severity: undefined, context: {} });
    expect(await setFeedbackKnownIssue(people.priya, { id: idea, knownIssue: true }, { db: database.db })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await listKnownIssues({ app: 'patient-portal' }, { db: database.db })).toEqual([]);
    expect(await setFeedbackKnownIssue(people.priya, { id, knownIssue: true }, { db: database.db, now: tick() })).toMatchObject({ ok: true });
    expect((await listKnownIssues({ app: 'patient-portal' }, { db: database.db })).map((i) => i.id)).toEqual([id]);
    expect(await listKnownIssues({ app: 'scheduler' }, { db: database.db })).toEqual([]);
    expect(await listKnownIssues({ guide: 'logs' }, { db: database.db })).toEqual([]);
    await setFeedbackStatus(people.priya, { id, status: 'in-progress' }, { db: database.db, now: tick() });
    expect(await listKnownIssues({ app: 'patient-portal' }, { db: database.db })).toHaveLength(1);
    await setFeedbackStatus(people.priya, { id, status: 'resolved' }, { db: database.db, now: tick() });
    expect(await listKnownIssues({ app: 'patient-portal' }, { db: database.db })).toEqual([]);
  });

  it('a known issue about a guide shows on that guide', async () => {
    const id = await file(people.ana, { kind: 'guide', severity: undefined, context: { guide: 'logs' } });
    await setFeedbackKnownIssue(people.marcus, { id, knownIssue: true }, { db: database.db, now: tick() });
    expect((await listKnownIssues({ guide: 'logs' }, { db: database.db })).map((i) => i.title)).toEqual([problem().title]);
    expect((await listKnownIssues({ app: 'scheduler', guide: 'logs' }, { db: database.db })).map((i) => i.id)).toContain(id);
  });

  it('the board filters by status, kind, team, app, guide and session and counts per status', async () => {
    const clinical = await file(people.esther, { context: { app: 'scheduler' } });
    const guide = await file(people.ana, { kind: 'guide', severity: undefined, context: { guide: 'config-vars' } });
    const session = await file(people.ana, { kind: 'session', severity: undefined, context: { session: '2026-11-05-from-aptible-to-gke' } });
    await setFeedbackStatus(people.priya, { id: guide, status: 'resolved' }, { db: database.db, now: tick() });

    const open = await listFeedback(people.ivy, { filter: {} }, { db: database.db });
    expect(open?.filter.status).toBe('open');
    expect(open?.items.every((i) => ['new', 'triaged', 'in-progress'].includes(i.status))).toBe(true);
    expect(open?.items.map((i) => i.id)).toContain(clinical);
    expect(open?.items.map((i) => i.id)).not.toContain(guide);

    const resolvedGuides = await listFeedback(people.ivy, { filter: { status: 'resolved', guide: 'config-vars' } }, { db: database.db });
    expect(resolvedGuides?.items.map((i) => i.id)).toEqual([guide]);
    expect((await listFeedback(people.ivy, { filter: { status: 'all', session: '2026-11-05-from-aptible-to-gke' } }, { db: database.db }))?.items.map((i) => i.id)).toEqual([session]);
    expect((await listFeedback(people.ivy, { filter: { status: 'all', kind: 'session' } }, { db: database.db }))?.items.map((i) => i.id)).toEqual([session]);
    const clinicalTeam = await listFeedback(people.ivy, { filter: { status: 'all', team: 'clinical' } }, { db: database.db });
    expect(clinicalTeam?.items.every((i) => i.team === 'clinical')).toBe(true);
    expect(clinicalTeam?.statusCounts.new).toBeGreaterThan(0);
    const byApp = await listFeedback(people.ivy, { filter: { status: 'all', app: 'patient-portal' } }, { db: database.db });
    expect(byApp?.items.every((i) => i.app === 'patient-portal')).toBe(true);
    expect(await listFeedback(null, { filter: {} }, { db: database.db })).toBeNull();
  });

  it('refuses changes to an item that does not exist', async () => {
    expect(await setFeedbackStatus(people.priya, { id: 999_999, status: 'triaged' }, { db: database.db })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await addComment(people.ana, { id: 999_999, body: 'hello' }, { db: database.db })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await getFeedbackItem(people.ana, 999_999, { db: database.db })).toBeNull();
  });

  it('refuses empty and oversized comments, and more than ten a minute', async () => {
    const id = await file();
    expect(await addComment(people.ana, { id, body: '  ' }, { db: database.db })).toMatchObject({ ok: false, error: { fieldErrors: { body: ['Write something first.'] } } });
    expect(await addComment(people.ana, { id, body: 'x'.repeat(10_001) }, { db: database.db })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const now = new Date('2026-12-02T08:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 11 }, (_, i) => addComment(people.ivy, { id, body: `note ${i}` }, { db: database.db, now })));
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['rate-limited']);
  });
});
