import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/testing/databases';
import { listAuditEvents } from './list-audit-events';
import { recordAuditEvent } from './record-audit-event';

describeEachDatabase('audit events', (database) => {
  it('records an event and reads it back with its details', async () => {
    const event = await recordAuditEvent(database.db, {
      actor: 'ana.souza@meridiancare.example',
      action: 'values.commit',
      target: 'app:patient-portal',
      details: { file: 'apps/patient-portal/values-stage.yaml', revision: 'abc123', quoted: 'it\'s "fine"' },
      time: new Date('2026-11-25T10:00:00.000Z'),
    });
    const [found] = await listAuditEvents(database.db, { target: 'app:patient-portal' });
    expect(found).toMatchObject({
      id: event.id,
      actor: 'ana.souza@meridiancare.example',
      action: 'values.commit',
      time: '2026-11-25T10:00:00.000Z',
      details: { file: 'apps/patient-portal/values-stage.yaml', revision: 'abc123', quoted: 'it\'s "fine"' },
    });
  });

  it('lists newest first and filters by actor, target and action prefix', async () => {
    for (const [actor, action, target] of [
      ['ben.okafor@meridiancare.example', 'change.request', 'app:scheduler'],
      ['ben.okafor@meridiancare.example', 'change.approve', 'app:scheduler'],
      ['priya.raman@meridiancare.example', 'auth.sign-in', 'user:priya.raman@meridiancare.example'],
    ] as const) {
      await recordAuditEvent(database.db, { actor, action, target });
    }
    const changes = await listAuditEvents(database.db, { actionPrefix: 'change.' });
    expect(changes.map((e) => e.action)).toEqual(['change.approve', 'change.request']);
    const ben = await listAuditEvents(database.db, { actor: 'ben.okafor@meridiancare.example', target: 'app:scheduler' });
    expect(ben).toHaveLength(2);
    // A prefix containing LIKE wildcards matches literally.
    expect(await listAuditEvents(database.db, { actionPrefix: 'change%' })).toEqual([]);
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await recordAuditEvent(database.db, { actor: 'pager@x', action: 'page.test', target: `item:${i}` });
    }
    const first = await listAuditEvents(database.db, { actor: 'pager@x', limit: 3 });
    const rest = await listAuditEvents(database.db, { actor: 'pager@x', limit: 3, before: first[2].seq });
    expect(first.map((e) => e.target)).toEqual(['item:4', 'item:3', 'item:2']);
    expect(rest.map((e) => e.target)).toEqual(['item:1', 'item:0']);
  });

  it('keeps concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAuditEvent(database.db, { actor: 'burst@x', action: 'burst', target: `n:${i}` }),
      ),
    );
    expect(await listAuditEvents(database.db, { actor: 'burst@x', limit: 100 })).toHaveLength(20);
  });

  it('refuses to change a recorded event: the database itself keeps the record as written', async () => {
    const event = await recordAuditEvent(database.db, { actor: 'keeper@x', action: 'logs.read', target: 'app:patient-portal', details: { lines: 12 } });
    await expect(database.db.updateTable('audit_events').set({ details: '{"lines":0}' }).where('id', '=', event.id).execute()).rejects.toThrow(/never edited/);
    const [kept] = await listAuditEvents(database.db, { actor: 'keeper@x' });
    expect(kept.details).toEqual({ lines: 12 });
  });
});
