import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import { recordIapSignIn, SIGN_IN_GAP_MS } from './record-iap-sign-in';

describeEachDatabase('sign-ins behind IAP', (database) => {
  it('records the first request after 8 hours once, across parallel requests and replicas', async () => {
    const email = `iap-${Date.now()}@meridiancare.example`;
    const start = new Date('2026-12-01T08:00:00.000Z');
    const replicaA = new Map<string, number>();
    const replicaB = new Map<string, number>();
    const deps = (seen: Map<string, number>, now: Date) => ({ db: database.db, seen, now });
    // A page's parallel requests on one replica: one record.
    const first = await Promise.all(Array.from({ length: 5 }, () => recordIapSignIn({ email, listed: true }, deps(replicaA, start))));
    expect(first.filter(Boolean)).toHaveLength(1);
    // Another replica an hour later: the trail already has it.
    expect(await recordIapSignIn({ email, listed: true }, deps(replicaB, new Date(start.getTime() + 3600_000)))).toBe(false);
    // Back after more than 8 hours: a new sign-in.
    expect(await recordIapSignIn({ email, listed: true }, deps(replicaA, new Date(start.getTime() + SIGN_IN_GAP_MS + 1)))).toBe(true);
    const events = await listAuditEvents(database.db, { actor: email });
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ['auth.sign-in', { mode: 'iap' }],
      ['auth.sign-in', { mode: 'iap' }],
    ]);
  });

  it('records an identity that is not in teams.yaml as such', async () => {
    const email = `outsider-${Date.now()}@elsewhere.example`;
    expect(await recordIapSignIn({ email, listed: false }, { db: database.db, seen: new Map() })).toBe(true);
    const [event] = await listAuditEvents(database.db, { actor: email });
    expect(event.details).toEqual({ mode: 'iap', listed: false });
  });
});
