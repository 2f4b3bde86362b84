// Break-glass on production logs against a real database: the grant and its audit event together,
// the policy's refusals, the time limit, and the owning team's notices.
import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { resolveUser } from '@/lib/auth/user';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleCatalog } from '@/lib/testing/sample-catalog';
import { breakGlass, breakGlassDurations } from './break-glass';
import { countUnseenBreakGlassNotices, listBreakGlassNotices, listBreakGlassOnApp, markBreakGlassNoticesSeen } from './break-glass-notices';
import { checkLogAccess } from './log-access';

const catalog = sampleCatalog();
const person = (email: string) => resolveUser(email, catalog);
const dmitri = person('dmitri.volkov@meridiancare.example'); // clinical
const ana = person('ana.souza@meridiancare.example'); // patient-experience, owns patient-portal
const ben = person('ben.okafor@meridiancare.example'); // patient-experience
const ivy = person('ivy.martins@meridiancare.example'); // care-ops viewer
const stranger = person('new.hire@meridiancare.example');
const portal = catalog.apps.find((a) => a.name === 'patient-portal')!;
const production = catalog.environments.find((e) => e.name === 'production')!;
const stage = catalog.environments.find((e) => e.name === 'stage')!;
const reason = 'INC-2231: scheduler sees 502s from the portal, checking its side';

describeEachDatabase('break-glass on production logs', (database) => {
  const deps = (now: Date) => ({ db: database.db, catalog, maxMinutes: 60, now });

  it('lets another team’s engineer read for the time they asked, with the reason recorded beside the grant', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect((await checkLogAccess(dmitri, portal, production, { db: database.db, now })).allowed).toBe(false);
    const result = await breakGlass(dmitri, 'patient-portal', { environment: 'production', reason, minutes: 60 }, deps(now));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ kind: 'break-glass', app: 'patient-portal', environment: 'production', email: dmitri.email, team: 'clinical', reason, expiresAt: '2026-11-25T11:00:00.000Z' });

    const [event] = await listAuditEvents(database.db, { actor: dmitri.email, actionPrefix: 'logs.break-glass' });
    expect(event).toMatchObject({ target: 'app:patient-portal', details: { environment: 'production', reason, minutes: 60, owningTeam: 'patient-experience', grant: result.data.id } });

    const during = await checkLogAccess(dmitri, portal, production, { db: database.db, now: new Date('2026-11-25T10:59:59Z') });
    expect(during).toMatchObject({ allowed: true, breakGlass: { id: result.data.id } });
    // The grant is for that app and environment only, and ends on time.
    const scheduler = catalog.apps.find((a) => a.name === 'intake-forms')!;
    expect((await checkLogAccess(dmitri, scheduler, production, { db: database.db, now: new Date('2026-11-25T10:30:00Z') })).allowed).toBe(false);
    expect((await checkLogAccess(dmitri, portal, production, { db: database.db, now: new Date('2026-11-25T11:00:00Z') })).allowed).toBe(false);
  });

  it('tells the owning team: a notice each member sees until they have looked', async () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const granted = await breakGlass(ivy, 'patient-portal', { environment: 'production', reason: 'Billing asked why visit 981 shows twice in the portal', minutes: 30 }, deps(now));
    expect(granted.ok).toBe(true);
    expect(await countUnseenBreakGlassNotices(ana, { db: database.db, catalog, now })).toBeGreaterThanOrEqual(1);
    const before = await countUnseenBreakGlassNotices(ben, { db: database.db, catalog, now });
    const notices = await listBreakGlassNotices(ana, { db: database.db, catalog, now });
    expect(notices[0]).toMatchObject({ name: 'Ivy Martins', team: 'care-ops', active: true, seen: false });
    await markBreakGlassNoticesSeen(ana, notices.map((n) => n.id), { db: database.db, now });
    expect(await countUnseenBreakGlassNotices(ana, { db: database.db, catalog, now })).toBe(0);
    // Seeing it is each member's own: Ben still has his.
    expect(await countUnseenBreakGlassNotices(ben, { db: database.db, catalog, now })).toBe(before);
    // Nobody outside the owning team is notified, and the app page lists them for everyone.
    expect(await countUnseenBreakGlassNotices(dmitri, { db: database.db, catalog, now })).toBe(0);
    expect((await listBreakGlassOnApp(dmitri, 'patient-portal', { db: database.db, now })).map((n) => n.name)).toContain('Ivy Martins');
  });

  it('refuses those who need none, those who may not, and what is not asked properly', async () => {
    const now = new Date('2026-11-25T13:00:00Z');
    const ask = (user: typeof ana, input: Partial<{ environment: string; reason: string; minutes: number }>, app = 'patient-portal') =>
      breakGlass(user, app, { environment: 'production', reason, minutes: 60, ...input }, deps(now));
    expect(await ask(ana, {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/already/) } });
    expect(await ask(stranger, {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/not in teams.yaml/) } });
    expect(await ask(dmitri, { environment: 'stage' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/no break-glass needed/) } });
    expect(await ask(dmitri, { minutes: 600 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await ask(dmitri, {}, 'no-such-app')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await ask(dmitri, { environment: 'qa' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(breakGlassDurations(60)).toEqual([15, 30, 60]);
    expect(breakGlassDurations(10)).toEqual([10]);
    // Stage needs none: synthetic data only.
    expect((await checkLogAccess(dmitri, portal, stage, { db: database.db, now })).allowed).toBe(true);
    expect((await checkLogAccess(stranger, portal, stage, { db: database.db, now })).allowed).toBe(false);
  });
});
