import { describe, expect, test } from 'vitest';
import type { LogEntry } from './log-entry';
import { appendFollowed, combineLines, pagesOldestFirst } from './log-buffer';
import { findUnstructuredStderr } from './find-unstructured-stderr';

function entry(id: string, second: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    insertId: id,
    time: `2026-11-12T09:00:${String(second).padStart(2, '0')}.000000000Z`,
    severity: 'DEFAULT',
    environment: 'stage',
    cluster: 'gke-stage',
    namespace: 'ns',
    pod: 'p',
    container: 'c',
    text: id,
    ...extra,
  };
}
const ids = (list: readonly LogEntry[]) => list.map((e) => e.insertId);

describe('pagesOldestFirst', () => {
  test('newest-first pages become one oldest-first list', () => {
    expect(ids(pagesOldestFirst([[entry('d', 4), entry('c', 3)], [entry('b', 2), entry('a', 1)]]))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('appendFollowed', () => {
  test('appends, skipping repeats', () => {
    const seen = new Set<string>();
    let list = appendFollowed([], [entry('a', 1), entry('b', 2)], seen);
    list = appendFollowed(list, [entry('b', 2), entry('c', 3)], seen);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  test('merges interleaved pods in time order', () => {
    const seen = new Set<string>();
    let list = appendFollowed([], [entry('a', 1), entry('d', 4)], seen);
    list = appendFollowed(list, [entry('e', 5), entry('b', 2), entry('c', 3)], seen);
    expect(ids(list)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  test('keeps the newest lines up to the cap, and forgets the dropped ones', () => {
    const seen = new Set<string>();
    const list = appendFollowed([], Array.from({ length: 10 }, (_, i) => entry(`e${i}`, i)), seen, 4);
    expect(ids(list)).toEqual(['e6', 'e7', 'e8', 'e9']);
    expect([...seen].sort()).toEqual(['e6', 'e7', 'e8', 'e9']);
  });

  test('returns the same list when nothing is new (no re-render)', () => {
    const seen = new Set<string>(['a']);
    const list = [entry('a', 1)];
    expect(appendFollowed(list, [entry('a', 1)], seen)).toBe(list);
  });

  // Its speed at this size is measured in `npm run bench` (the viewer section), not asserted here.
  test('keeps 50,000 followed lines from 120 batches, each once, in time order', () => {
    const seen = new Set<string>();
    let list: LogEntry[] = [];
    for (let batch = 0; batch < 120; batch += 1) {
      const lines = Array.from({ length: 500 }, (_, i) => entry(`b${batch}-${i}`, 0, { time: `2026-11-12T09:${String(batch % 60).padStart(2, '0')}:00.${String(i).padStart(9, '0')}Z` }));
      // Each batch repeats the previous batch's last line, as a reconnecting follow does.
      list = appendFollowed(list, batch > 0 ? [list[list.length - 1], ...lines] : lines, seen);
    }
    expect(list).toHaveLength(50_000);
    expect(new Set(ids(list)).size).toBe(50_000);
    expect(list.every((line, i) => i === 0 || list[i - 1].time <= line.time)).toBe(true);
  });
});

describe('combineLines', () => {
  test('followed lines after the queried ones, without the repeated millisecond', () => {
    const older = [entry('a', 1), entry('b', 2)];
    const { lines, dropped } = combineLines(older, [entry('b', 2), entry('c', 3)]);
    expect(ids(lines)).toEqual(['a', 'b', 'c']);
    expect(dropped).toBe(0);
  });

  test('caps to the newest lines and says how many were dropped', () => {
    const { lines, dropped } = combineLines([entry('a', 1), entry('b', 2)], [entry('c', 3)], 2);
    expect(ids(lines)).toEqual(['b', 'c']);
    expect(dropped).toBe(1);
  });
});

describe('findUnstructuredStderr', () => {
  test('Cloud Logging: plain stderr lines, certain', () => {
    expect(
      findUnstructuredStderr([
        entry('a', 1, { stream: 'stdout' }),
        entry('b', 2, { stream: 'stderr', severity: 'ERROR', text: '    at requireEnv (/app/dist/config.js:27:11)' }),
        entry('c', 3, { stream: 'stderr', severity: 'WARNING', json: { message: 'structured' }, text: undefined }),
      ]),
    ).toEqual({ lines: 1, certain: true, example: '    at requireEnv (/app/dist/config.js:27:11)' });
  });

  test('pod logs: plain lines read as errors, inferred', () => {
    expect(findUnstructuredStderr([entry('a', 1), entry('b', 2, { severity: 'ERROR', text: 'Error: FHIR_BASE_URL is not set' })])).toEqual({
      lines: 1,
      certain: false,
      example: 'Error: FHIR_BASE_URL is not set',
    });
  });

  test('structured apps: nothing to say', () => {
    expect(findUnstructuredStderr([entry('a', 1, { json: { message: 'ok' }, text: undefined, severity: 'ERROR' }), entry('b', 2)])).toBeUndefined();
  });
});
