import { describe, expect, it } from 'vitest';
import { parseWeek, shiftWeek, weekOf } from './activity-week';

describe('ISO weeks', () => {
  it.each([
    ['2026-12-04T18:00:00Z', '2026-W49', '2026-11-30T00:00:00.000Z'],
    ['2026-11-30T00:00:00Z', '2026-W49', '2026-11-30T00:00:00.000Z'],
    ['2026-11-29T23:59:59.999Z', '2026-W48', '2026-11-23T00:00:00.000Z'],
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    ['2027-01-01T12:00:00Z', '2026-W53', '2026-12-28T00:00:00.000Z'],
    // 29 December 2025 is a Monday in week 1 of 2026.
    ['2025-12-29T08:00:00Z', '2026-W01', '2025-12-29T00:00:00.000Z'],
  ])('%s is in %s, which starts %s', (time, week, start) => {
    const range = weekOf(new Date(time));
    expect(range.week).toBe(week);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.getTime() - range.start.getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it('parses a week back to its range and refuses what is not one', () => {
    expect(parseWeek('2026-W49')?.start.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(parseWeek('2026-W53')?.start.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(parseWeek('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-W54')).toBeNull();
    expect(parseWeek('2026-49')).toBeNull();
    expect(parseWeek('')).toBeNull();
  });

  it('steps to the previous and next week across a year', () => {
    const first = parseWeek('2026-W01')!;
    expect(shiftWeek(first, -1).week).toBe('2025-W52');
    expect(shiftWeek(parseWeek('2026-W53')!, 1).week).toBe('2027-W01');
  });
});
