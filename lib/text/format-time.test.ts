import { describe, expect, test } from 'vitest';
import { formatDate, formatTime, fromUtcInputValue, toUtcInputValue } from './format-time';

describe('formatTime', () => {
  test('one shape, in UTC, with the zone written out', () => {
    expect(formatTime('2026-12-04T18:10:12.345Z')).toBe('2026-12-04 18:10:12 UTC');
    expect(formatTime('2026-12-04T18:10:12.345Z', 'minute')).toBe('2026-12-04 18:10 UTC');
    expect(formatTime('2026-12-04T18:10:12.345Z', 'ms')).toBe('2026-12-04 18:10:12.345 UTC');
  });

  test('a time given with an offset is written in UTC', () => {
    expect(formatTime('2026-12-04T20:10:12+02:00')).toBe('2026-12-04 18:10:12 UTC');
  });

  test('nanosecond log times keep their millisecond', () => {
    expect(formatTime('2026-11-12T09:00:00.123456789Z', 'ms')).toBe('2026-11-12 09:00:00.123 UTC');
  });

  test('numbers and dates too; garbage comes back as given', () => {
    expect(formatTime(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02 03:04:05 UTC');
    expect(formatTime(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02 00:00:00 UTC');
    expect(formatTime('not a time')).toBe('not a time');
  });

  test('the same text whatever the process time zone (server render = browser render)', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const west = formatTime('2026-12-04T01:00:00Z');
      process.env.TZ = 'Asia/Kolkata';
      expect(formatTime('2026-12-04T01:00:00Z')).toBe(west);
      expect(west).toBe('2026-12-04 01:00:00 UTC');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('formatDate', () => {
  test('the UTC day', () => {
    expect(formatDate('2026-12-04T23:59:59Z')).toBe('2026-12-04');
    expect(formatDate('2026-11-20')).toBe('2026-11-20');
    expect(formatDate('2026-12-04T23:59:59Z', { weekday: true })).toBe('Fri 2026-12-04');
  });
});

describe('UTC datetime-local inputs', () => {
  test('round trip', () => {
    const at = new Date('2026-12-04T18:10:12Z');
    expect(toUtcInputValue(at)).toBe('2026-12-04T18:10:12');
    expect(fromUtcInputValue('2026-12-04T18:10:12')?.toISOString()).toBe('2026-12-04T18:10:12.000Z');
    expect(fromUtcInputValue('2026-12-04T18:10')?.toISOString()).toBe('2026-12-04T18:10:00.000Z');
  });

  test('refuses what is not a datetime-local value', () => {
    expect(fromUtcInputValue('')).toBeUndefined();
    expect(fromUtcInputValue('yesterday')).toBeUndefined();
    expect(fromUtcInputValue('2026-13-40T99:99')).toBeUndefined();
  });
});
