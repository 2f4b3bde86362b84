import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '@/lib/testing/databases';
import { readStatusHistory, SAMPLE_EVERY_MS, type StatusSample, summarizeStatusHistory } from './status-history';

const now = Date.parse('2026-12-04T12:00:00Z');
const DAY = 24 * 60 * 60_000;
const at = (msAgo: number, verdict: StatusSample['verdict'] = 'healthy'): StatusSample => ({ verdict, sampledAt: new Date(now - msAgo).toISOString() });
const everyPeriod = (from: number, to: number, verdict: StatusSample['verdict'] = 'healthy') => {
  const out: StatusSample[] = [];
  for (let ago = from; ago >= to; ago -= SAMPLE_EVERY_MS) out.push(at(ago, verdict));
  return out;
};

describe('the status history of a day', () => {
  it('covers the day when every period has a known verdict (replicas sampling twice count once)', () => {
    const samples = everyPeriod(DAY - 1000, 0);
    const summary = summarizeStatusHistory([...samples, ...samples], { now });
    expect(summary.coveredMs).toBe(DAY);
    expect(summary.unhealthy).toEqual([]);
  });

  it('covers only what it saw: three hours of samples are three hours', () => {
    const summary = summarizeStatusHistory(everyPeriod(3 * 60 * 60_000 - 1000, 0), { now });
    expect(summary.coveredMs).toBe(3 * 60 * 60_000);
    expect(summary.firstSampleAt).toBe(new Date(now - 3 * 60 * 60_000 + 1000).toISOString());
  });

  it('does not count periods where the cluster could not say, and merges bad periods into spans', () => {
    const samples = [...everyPeriod(DAY - 1000, 2 * 60 * 60_000), ...everyPeriod(2 * 60 * 60_000 - 1000, 60 * 60_000, 'unknown'), at(30 * 60_000 - 1000, 'down'), at(25 * 60_000 - 1000, 'down'), at(10 * 60_000, 'degraded')];
    const summary = summarizeStatusHistory(samples, { now });
    expect(summary.coveredMs).toBeLessThan(DAY - 60 * 60_000);
    expect(summary.unhealthy.map((u) => u.verdict)).toEqual(['down', 'degraded']);
    expect(Date.parse(summary.unhealthy[0].to) - Date.parse(summary.unhealthy[0].from)).toBe(2 * SAMPLE_EVERY_MS);
  });

  it('ignores samples outside the window', () => {
    expect(summarizeStatusHistory([at(DAY + 60_000, 'down'), at(-60_000, 'down')], { now })).toEqual({ windowMs: DAY, coveredMs: 0, unhealthy: [] });
  });
});

describeEachDatabase('the status history table', (database) => {
  it('reads back one app’s samples of one environment since a time, oldest first', async () => {
    const rows = [
      { app: 'history-app', environment: 'stage', verdict: 'healthy', sampled_at: new Date(now - 2 * SAMPLE_EVERY_MS).toISOString() },
      { app: 'history-app', environment: 'stage', verdict: 'down', sampled_at: new Date(now - SAMPLE_EVERY_MS).toISOString() },
      { app: 'history-app', environment: 'production', verdict: 'healthy', sampled_at: new Date(now - SAMPLE_EVERY_MS).toISOString() },
      { app: 'history-app', environment: 'stage', verdict: 'healthy', sampled_at: new Date(now - 2 * DAY).toISOString() },
    ];
    await database.db.insertInto('app_status_samples').values(rows).execute();
    const samples = await readStatusHistory(database.db, 'history-app', 'stage', new Date(now - DAY));
    expect(samples.map((s) => s.verdict)).toEqual(['healthy', 'down']);
    expect(summarizeStatusHistory(samples, { now }).unhealthy.map((u) => u.verdict)).toEqual(['down']);
  });
});
