// The audit record of a log read, on both databases: its shape, and none lost when many are written at once.
import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { describeEachDatabase } from '@/lib/testing/databases';
import type { LogQuery } from './log-entry';
import { recordLogRead } from './record-log-read';

const user = { email: 'hiro.tanaka@meridiancare.example', name: 'Hiro Tanaka', role: 'engineer' as const, team: 'care-ops' };
const query: LogQuery = {
  app: 'care-admin',
  namespace: 'care-admin',
  environment: 'production',
  cluster: 'gke-production',
  pods: ['care-admin-web-1'],
  minSeverity: 'ERROR',
  text: 'refund',
  since: new Date('2026-11-25T09:00:00Z'),
  until: new Date('2026-11-25T10:00:00Z'),
};

describeEachDatabase('recording log reads', (database) => {
  it('says who read which app and environment, with what filter, window and line count', async () => {
    await recordLogRead(database.db, { kind: 'download', user, query, lines: 1234, breakGlass: null, requestId: 'req-1' });
    const [event] = await listAuditEvents(database.db, { actor: user.email, actionPrefix: 'logs.download' });
    expect(event).toMatchObject({
      action: 'logs.download',
      target: 'app:care-admin',
      details: {
        environment: 'production',
        filter: { pods: ['care-admin-web-1'], severity: 'ERROR', text: 'refund' },
        window: { since: '2026-11-25T09:00:00.000Z', until: '2026-11-25T10:00:00.000Z' },
        lines: 1234,
        requestId: 'req-1',
      },
    });
  });

  it('keeps every one of 100 reads recorded at once', async () => {
    const reader = { ...user, email: 'burst.reader@meridiancare.example' };
    await Promise.all(Array.from({ length: 100 }, (_, i) => recordLogRead(database.db, { kind: 'page', user: reader, query, lines: i, breakGlass: null })));
    const events = await listAuditEvents(database.db, { actor: reader.email, limit: 500 });
    expect(events).toHaveLength(100);
    expect(new Set(events.map((e) => (e.details as { lines: number }).lines)).size).toBe(100);
  });
});
