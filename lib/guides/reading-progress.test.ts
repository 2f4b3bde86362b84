import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/testing/databases';
import { buildProgressReport } from './progress-report';
import { listAllGuideReads, listGuideReadsOf, markGuideRead, markGuideUnread } from './reading-progress';

const ana = 'ana.souza@meridiancare.example';
const ben = 'ben.okafor@meridiancare.example';

describeEachDatabase('reading progress', (database) => {
  it('marks a guide read once per person, keeps the first time, and unmarks it', async () => {
    const { db } = database;
    await markGuideRead(db, { email: ana, slug: 'welcome', at: new Date('2026-11-20T10:00:00.000Z') });
    // A second click (another tab, another replica) is not an error and does not move the time.
    await markGuideRead(db, { email: 'Ana.Souza@MeridianCare.example', slug: 'welcome', at: new Date('2026-11-21T10:00:00.000Z') });
    await markGuideRead(db, { email: ana, slug: 'logs', at: new Date('2026-11-22T10:00:00.000Z') });
    await markGuideRead(db, { email: ben, slug: 'welcome', at: new Date('2026-11-23T10:00:00.000Z') });

    expect(await listGuideReadsOf(db, ana)).toEqual(
      new Map([
        ['welcome', '2026-11-20T10:00:00.000Z'],
        ['logs', '2026-11-22T10:00:00.000Z'],
      ]),
    );
    expect((await listAllGuideReads(db)).map((r) => `${r.email}:${r.slug}`)).toEqual([
      `${ana}:welcome`,
      `${ana}:logs`,
      `${ben}:welcome`,
    ]);

    await markGuideUnread(db, { email: ana, slug: 'welcome' });
    // Unmarking what was never read is a no-op too.
    await markGuideUnread(db, { email: ana, slug: 'cutover' });
    expect([...(await listGuideReadsOf(db, ana)).keys()]).toEqual(['logs']);
    expect([...(await listGuideReadsOf(db, ben)).keys()]).toEqual(['welcome']);
  });

  it('feeds the progress report: per person and per session and team', async () => {
    const { db } = database;
    const report = buildProgressReport({
      reads: await listAllGuideReads(db),
      teams: [
        { id: 'patient-experience', name: 'Patient Experience', members: [{ email: ana }, { email: ben }] },
        { id: 'platform', name: 'Platform', members: [] },
      ],
      people: [
        { email: ana, name: 'Ana Souza', team: 'patient-experience' },
        { email: ben, name: 'Ben Okafor', team: 'patient-experience' },
      ],
      guides: [
        { slug: 'welcome', title: 'Welcome' },
        { slug: 'logs', title: 'Logs' },
      ],
      sessions: [
        { id: 's1', title: 'Intro', date: '2026-11-05', guides: ['welcome', 'logs', 'a-removed-guide'] },
        { id: 's2', title: 'No guides', date: '2026-11-12', guides: [] },
      ],
    });
    expect(report.people.map((p) => [p.name, p.read])).toEqual([
      ['Ana Souza', ['logs']],
      ['Ben Okafor', ['welcome']],
    ]);
    expect(report.people[0].lastReadAt).toBe('2026-11-22T10:00:00.000Z');
    const [intro, empty] = report.sessions;
    expect(intro.guides).toEqual(['welcome', 'logs']);
    expect(intro.teams[0]).toMatchObject({ team: 'patient-experience', readPairs: 2, totalPairs: 4, share: 0.5 });
    expect(intro.teams[1]).toMatchObject({ team: 'platform', share: null });
    expect(empty.teams[0].share).toBeNull();
  });
});

it('counts reads by people outside teams.yaml without listing them, and ignores unknown guides', () => {
  const report = buildProgressReport({
    reads: [
      { email: 'visitor@meridiancare.example', slug: 'welcome', readAt: '2026-11-20T10:00:00.000Z' },
      { email: ana, slug: 'old-guide', readAt: '2026-11-20T10:00:00.000Z' },
    ],
    teams: [{ id: 'pe', name: 'PE', members: [{ email: ana }] }],
    people: [{ email: ana, name: 'Ana', team: 'pe' }],
    guides: [{ slug: 'welcome', title: 'Welcome' }],
    sessions: [],
  });
  expect(report.readsByOthers).toBe(1);
  expect(report.people[0].read).toEqual([]);
  expect(report.people[0].lastReadAt).toBeNull();
});
