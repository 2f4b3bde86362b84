import { beforeAll, expect, it } from 'vitest';
import type { Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { describeEachDatabase } from '@/lib/testing/databases';
import { addComment } from './add-comment';
import { createFeedback } from './create-feedback';
import { editFeedback } from './edit-feedback';
import { linkFeedback } from './link-feedback';
import { people, problem, steppingClock, testCatalog } from './test-fixtures';
import { assignFeedbackOwner, setFeedbackKnownIssue, setFeedbackStatus } from './triage-feedback';
import { voteFeedback } from './vote-feedback';

type Who = 'platform' | 'reporter' | 'other engineer' | 'viewer';
const who: Record<Who, BerthUser> = { platform: people.priya, reporter: people.dmitri, 'other engineer': people.ana, viewer: people.ivy };

// The table the issue asks for: what each kind of person may do with someone's feedback, checked
// against the data functions themselves (a forged request skips the UI, never these).
const table: [action: string, allowed: Record<Who, boolean>][] = [
  ['file feedback', { platform: true, reporter: true, 'other engineer': true, viewer: true }],
  ['edit a new item', { platform: true, reporter: true, 'other engineer': false, viewer: false }],
  ['edit a triaged item', { platform: true, reporter: false, 'other engineer': false, viewer: false }],
  ['change the status', { platform: true, reporter: false, 'other engineer': false, viewer: false }],
  ['assign an owner', { platform: true, reporter: false, 'other engineer': false, viewer: false }],
  ['mark a known issue', { platform: true, reporter: false, 'other engineer': false, viewer: false }],
  ['link a commit', { platform: true, reporter: false, 'other engineer': false, viewer: false }],
  ['comment', { platform: true, reporter: true, 'other engineer': true, viewer: true }],
  ['say "me too"', { platform: true, reporter: false, 'other engineer': true, viewer: true }],
];

describeEachDatabase('feedback permissions', (database) => {
  const tick = steppingClock();
  let fresh = 0;
  let triaged = 0;

  const newItem = async () => {
    const created = await createFeedback(people.dmitri, problem(), { db: database.db, catalog: testCatalog, now: tick() });
    if (!created.ok) throw new Error(created.error.message);
    return created.data.id;
  };

  beforeAll(async () => {
    fresh = await newItem();
    triaged = await newItem();
    const result = await setFeedbackStatus(people.priya, { id: triaged, status: 'triaged' }, { db: database.db, now: tick() });
    if (!result.ok) throw new Error(result.error.message);
  });

  const attempt: Record<string, (user: BerthUser) => Promise<Result<unknown>>> = {
    'file feedback': (user) => createFeedback(user, problem(), { db: database.db, catalog: testCatalog, now: tick() }),
    'edit a new item': async (user) => editFeedback(user, { id: await newItem(), ...problem({ title: 'Reworded' }) }, { db: database.db, now: tick() }),
    'edit a triaged item': (user) => editFeedback(user, { id: triaged, ...problem({ title: `Reworded by ${user.name}` }) }, { db: database.db, now: tick() }),
    'change the status': (user) => setFeedbackStatus(user, { id: fresh, status: 'in-progress' }, { db: database.db, now: tick() }),
    'assign an owner': (user) => assignFeedbackOwner(user, { id: fresh, ownerEmail: people.marcus.email }, { db: database.db, catalog: testCatalog, now: tick() }),
    'mark a known issue': (user) => setFeedbackKnownIssue(user, { id: fresh, knownIssue: true }, { db: database.db, now: tick() }),
    'link a commit': (user) => linkFeedback(user, { id: fresh, ref: `change:${user.name.split(' ')[0].toLowerCase()}` }, { db: database.db, now: tick() }),
    comment: (user) => addComment(user, { id: fresh, body: 'Seeing it too.' }, { db: database.db, now: tick() }),
    'say "me too"': (user) => voteFeedback(user, { id: fresh, voted: true }, { db: database.db, now: tick() }),
  };

  for (const [action, allowed] of table) {
    for (const [person, expected] of Object.entries(allowed) as [Who, boolean][]) {
      it(`${person} ${expected ? 'may' : 'may not'} ${action}`, async () => {
        const result = await attempt[action](who[person]);
        if (expected) expect(result).toMatchObject({ ok: true });
        else expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
      });
    }
  }

  it('the policy table agrees with the data functions for the feedback actions', () => {
    expect(decide(people.ivy, 'feedback.create', {}).allowed).toBe(true);
    expect(decide(people.dmitri, 'feedback.triage', {}).allowed).toBe(false);
    expect(decide(people.priya, 'feedback.triage', {}).allowed).toBe(true);
    expect(decide(people.dmitri, 'feedback.editOwn', { reporterEmail: people.dmitri.email, status: 'new' }).allowed).toBe(true);
    expect(decide(people.dmitri, 'feedback.editOwn', { reporterEmail: people.dmitri.email, status: 'triaged' }).reason).toBe(
      'This feedback has been triaged; add a comment instead.',
    );
    expect(decide(null, 'feedback.create', {}).allowed).toBe(false);
  });
});
