import { describe, expect, it } from 'vitest';
import { digestPeriod } from './digest-period';

const now = new Date('2026-11-25T16:00:00.000Z');

describe('the digest period', () => {
  it('defaults to seven days ago, from the start of that day', () => {
    expect(digestPeriod(undefined, now)).toEqual({ since: new Date('2026-11-18T00:00:00.000Z'), day: '2026-11-18', problem: null });
  });

  it('takes a date from the picker', () => {
    expect(digestPeriod('2026-11-19', now)).toMatchObject({ day: '2026-11-19', problem: null });
  });

  it.each([
    ['19/11/2026', 'That is not a date'],
    ['2026-02-30', 'not a real date'],
    ['2026-12-01', 'in the future'],
  ])('falls back with a reason for %s', (raw, reason) => {
    const period = digestPeriod(raw, now);
    expect(period.day).toBe('2026-11-18');
    expect(period.problem).toContain(reason);
  });
});
