import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config/get-config';
import { describeEachDatabase } from '@/lib/testing/databases';
import { listAuditEvents } from './list-audit-events';
import { pruneAuditEvents } from './prune-audit-events';
import { recordAuditEvent } from './record-audit-event';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('pruning audit events past the retention period', (database) => {
  it('deletes only events older than the retention period, to the millisecond', async () => {
    const now = new Date('2032-12-01T00:00:00.000Z');
    const retentionDays = 6 * 366;
    const cutoff = now.getTime() - retentionDays * DAY;
    const actor = `prune-${Date.now()}@x`;
    for (const [label, time] of [
      ['long gone', cutoff - 400 * DAY],
      ['a millisecond past', cutoff - 1],
      ['exactly at the edge', cutoff],
      ['a millisecond inside', cutoff + 1],
      ['last week', now.getTime() - 7 * DAY],
    ] as const) {
      await recordAuditEvent(database.db, { actor, action: 'logs.query', target: `label:${label}`, time: new Date(time) });
    }
    const result = await pruneAuditEvents(database.db, { now, retentionDays });
    expect(result.cutoff).toBe(new Date(cutoff).toISOString());
    const kept = await listAuditEvents(database.db, { actor });
    expect(kept.map((e) => e.target).sort()).toEqual(['label:a millisecond inside', 'label:exactly at the edge', 'label:last week']);
    // Running again (another replica, the next tick) finds nothing more to delete.
    expect((await pruneAuditEvents(database.db, { now, retentionDays })).deleted).toBe(0);
    expect(await listAuditEvents(database.db, { actor })).toHaveLength(3);
  });

  it('refuses a retention that is not a whole number of days', async () => {
    await expect(pruneAuditEvents(database.db, { now: new Date(), retentionDays: 0 })).rejects.toThrow(/refusing/);
  });
});

describe('the retention setting', () => {
  it('defaults to six years and refuses less than a year', () => {
    expect(parseConfig({ NODE_ENV: 'test' }, '/tmp/berth-x').AUDIT_RETENTION_DAYS).toBe(6 * 366);
    expect(parseConfig({ NODE_ENV: 'test', AUDIT_RETENTION_DAYS: '2200' }, '/tmp/berth-x').AUDIT_RETENTION_DAYS).toBe(2200);
    expect(() => parseConfig({ NODE_ENV: 'test', AUDIT_RETENTION_DAYS: '6' }, '/tmp/berth-x')).toThrow(/AUDIT_RETENTION_DAYS.*365/);
  });
});

describe('the audit trail is never edited through Berth', () => {
  // Only the retention prune deletes; nothing updates (the database refuses that too, migration 021).
  it('no route, page, action or library code updates or deletes audit events except the prune', () => {
    const root = path.resolve(__dirname, '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          const text = fs.readFileSync(full, 'utf8');
          if (/(updateTable|deleteFrom)\(\s*'audit_events'/.test(text) || /(UPDATE|DELETE\s+FROM)\s+audit_events/i.test(text)) offenders.push(path.relative(root, full));
        }
      }
    };
    for (const dir of ['app', 'lib', 'components']) walk(path.join(root, dir));
    expect(offenders).toEqual(['lib/audit/prune-audit-events.ts']);
  });
});
