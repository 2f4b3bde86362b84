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
    const created = await createFeedback(database.db, user, problem(overrides), testCatalog, { now: tick() });
    if (!created.ok) throw new Error(created.error.message);
    return created.data.id;
  };

  it('runs from new to resolved, tells the reporter, and audits every change', async () => {
    const id = await file();
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(0);

    // The reporter rewords it while it is new; their own edit is not an "update" for them.
    expect(await editFeedback(database.db, people.dmitri, { id, ...problem({ title: 'Worker restarts hourly in production' }) }, { now: tick() })).toMatchObject({ ok: true });
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(0);

    expect(await setFeedbackStatus(database.db, people.priya, { id, status: 'triaged' }, { now: tick() })).toMatchObject({ ok: true });
    expect(await assignFeedbackOwner(database.db, people.priya, { id, ownerEmail: people.marcus.email }, testCatalog, { now: tick() })).toMatchObject({ ok: true });
    expect(await setFeedbackStatus(database.db, people.marcus, { id, status: 'in-progress' }, { now: tick() })).toMatchObject({ ok: true });
    expect(await linkFeedback(database.db, people.marcus, { id, ref: '3f2a9c1' }, { now: tick() })).toMatchObject({ ok: true });
    expect(await linkFeedback(database.db, people.marcus, { id, ref: '3F2A9C1' }, { now: tick() })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      await setFeedbackStatus(database.db, people.marcus, { id, status: 'resolved', comment: 'Raised the memory limit; the OOM kills stopped.' }, { now: tick() }),
    ).toMatchObject({ ok: true });

    const detail = await getFeedbackItem(database.db, people.dmitri, id);
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
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(6);
    const mine = await listMyFeedback(database.db, people.dmitri);
    expect(mine.find((i) => i.id === id)?.unread).toBe(6);
    await markFeedbackSeen(database.db, people.dmitri, id);
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(0);
    await addComment(database.db, people.ana, { id, body: 'Thanks, same fix worked for us.' }, { now: tick() });
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(1);
    await markAllFeedbackSeen(database.db, people.dmitri);
    expect(await countUnreadFeedbackUpdates(database.db, people.dmitri)).toBe(0);

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
    await setFeedbackStatus(database.db, people.priya, { id, status: 'wont-fix' }, { now: tick() });
    await setFeedbackStatus(database.db, people.priya, { id, status: 'wont-fix' }, { now: tick() });
    await setFeedbackStatus(database.db, people.priya, { id, status: 'triaged' }, { now: tick() });
    const detail = await getFeedbackItem(database.db, people.priya, id);
    expect(detail?.item).toMatchObject({ status: 'triaged', closedAt: null });
    expect(detail?.updates.filter((u) => u.kind === 'status').map((u) => `${u.from}→${u.to}`)).toEqual(['new→wont-fix', 'wont-fix→triaged']);
  });

  it('only the platform team can own feedback', async () => {
    const id = await file();
    const result = await assignFeedbackOwner(database.db, people.priya, { id, ownerEmail: people.ana.email }, testCatalog, { now: tick() });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', fieldErrors: { ownerEmail: [`${people.ana.email} is not on the platform team.`] } } });
    expect(await assignFeedbackOwner(database.db, people.priya, { id, ownerEmail: null }, testCatalog, { now: tick() })).toMatchObject({ ok: true });
  });

  it('counts one "me too" per person, and lets them take it back', async () => {
    const id = await file();
    await voteFeedback(database.db, people.ana, { id, voted: true }, { now: tick() });
    await voteFeedback(database.db, people.ana, { id, voted: true }, { now: tick() });
    const both = await Promise.all([voteFeedback(database.db, people.priya, { id, voted: true }), voteFeedback(database.db, people.priya, { id, voted: true })]);
    expect(both.every((r) => r.ok)).toBe(true);
    expect((await getFeedbackItem(database.db, people.ana, id))?.item.votes).toBe(2);
    expect((await getFeedbackItem(database.db, people.ana, id))?.votedByMe).toBe(true);
    const undone = await voteFeedback(database.db, people.ana, { id, voted: false }, { now: tick() });
    expect(undone).toEqual({ ok: true, data: { id, voted: false, votes: 1 } });
    const own = await voteFeedback(database.db, people.dmitri, { id, voted: true });
    expect(own).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows a known issue on its app until it is resolved', async () => {
    const id = await file(people.ana, { context: { app: 'patient-portal' } });
    const idea = await file(people.ana, { kind: 'idea', severity: undefined, context: {} });
    expect(await setFeedbackKnownIssue(database.db, people.priya, { id: idea, knownIssue: true })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await listKnownIssues(database.db, { app: 'patient-portal' })).toEqual([]);
    expect(await setFeedbackKnownIssue(database.db, people.priya, { id, knownIssue: true }, { now: tick() })).toMatchObject({ ok: true });
    expect((await listKnownIssues(database.db, { app: 'patient-portal' })).map((i) => i.id)).toEqual([id]);
    expect(await listKnownIssues(database.db, { app: 'scheduler' })).toEqual([]);
    expect(await listKnownIssues(database.db, { guide: 'logs' })).toEqual([]);
    await setFeedbackStatus(database.db, people.priya, { id, status: 'in-progress' }, { now: tick() });
    expect(await listKnownIssues(database.db, { app: 'patient-portal' })).toHaveLength(1);
    await setFeedbackStatus(database.db, people.priya, { id, status: 'resolved' }, { now: tick() });
    expect(await listKnownIssues(database.db, { app: 'patient-portal' })).toEqual([]);
  });

  it('a known issue about a guide shows on that guide', async () => {
    const id = await file(people.ana, { kind: 'guide', severity: undefined, context: { guide: 'logs' } });
    await setFeedbackKnownIssue(database.db, people.marcus, { id, knownIssue: true }, { now: tick() });
    expect((await listKnownIssues(database.db, { guide: 'logs' })).map((i) => i.title)).toEqual([problem().title]);
    expect((await listKnownIssues(database.db, { app: 'scheduler', guide: 'logs' })).map((i) => i.id)).toContain(id);
  });

  it('the board filters by status, kind, team, app, guide and session and counts per status', async () => {
    const clinical = await file(people.esther, { context: { app: 'scheduler' } });
    const guide = await file(people.ana, { kind: 'guide', severity: undefined, context: { guide: 'config-vars' } });
    const session = await file(people.ana, { kind: 'session', severity: undefined, context: { session: '2026-11-05-from-aptible-to-gke' } });
    await setFeedbackStatus(database.db, people.priya, { id: guide, status: 'resolved' }, { now: tick() });

    const open = await listFeedback(database.db, people.ivy, {});
    expect(open?.filter.status).toBe('open');
    expect(open?.items.every((i) => ['new', 'triaged', 'in-progress'].includes(i.status))).toBe(true);
    expect(open?.items.map((i) => i.id)).toContain(clinical);
    expect(open?.items.map((i) => i.id)).not.toContain(guide);

    const resolvedGuides = await listFeedback(database.db, people.ivy, { status: 'resolved', guide: 'config-vars' });
    expect(resolvedGuides?.items.map((i) => i.id)).toEqual([guide]);
    expect((await listFeedback(database.db, people.ivy, { status: 'all', session: '2026-11-05-from-aptible-to-gke' }))?.items.map((i) => i.id)).toEqual([session]);
    expect((await listFeedback(database.db, people.ivy, { status: 'all', kind: 'session' }))?.items.map((i) => i.id)).toEqual([session]);
    const clinicalTeam = await listFeedback(database.db, people.ivy, { status: 'all', team: 'clinical' });
    expect(clinicalTeam?.items.every((i) => i.team === 'clinical')).toBe(true);
    expect(clinicalTeam?.statusCounts.new).toBeGreaterThan(0);
    const byApp = await listFeedback(database.db, people.ivy, { status: 'all', app: 'patient-portal' });
    expect(byApp?.items.every((i) => i.app === 'patient-portal')).toBe(true);
    expect(await listFeedback(database.db, null, {})).toBeNull();
  });

  it('refuses changes to an item that does not exist', async () => {
    expect(await setFeedbackStatus(database.db, people.priya, { id: 999_999, status: 'triaged' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await addComment(database.db, people.ana, { id: 999_999, body: 'hello' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await getFeedbackItem(database.db, people.ana, 999_999)).toBeNull();
  });

  it('refuses empty and oversized comments, and more than ten a minute', async () => {
    const id = await file();
    expect(await addComment(database.db, people.ana, { id, body: '  ' })).toMatchObject({ ok: false, error: { fieldErrors: { body: ['Write something first.'] } } });
    expect(await addComment(database.db, people.ana, { id, body: 'x'.repeat(10_001) })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const now = new Date('2026-12-02T08:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 11 }, (_, i) => addComment(database.db, people.ivy, { id, body: `note ${i}` }, { now })));
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['rate-limited']);
  });
});
