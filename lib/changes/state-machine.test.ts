import { describe, expect, it } from 'vitest';
import { CHANGE_STATUSES, type ChangeStatus } from './change-request';
import { type ChangeTransition, isFinal, nextStatus } from './state-machine';

const table: [ChangeStatus, ChangeTransition, ChangeStatus | null][] = [
  ['open', 'approve', 'approved'],
  ['open', 'reject', 'rejected'],
  ['open', 'withdraw', 'withdrawn'],
  ['open', 'update', 'open'],
  ['open', 'mark-stale', 'stale'],
  ['open', 'merge', null],
  ['approved', 'merge', 'merged'],
  ['approved', 'merge-refused', 'open'],
  ['approved', 'mark-stale', 'stale'],
  ['approved', 'approve', null],
  ['approved', 'reject', null],
  ['approved', 'withdraw', null],
  ['stale', 'update', 'open'],
  ['stale', 'withdraw', 'withdrawn'],
  ['stale', 'approve', null],
  ['merged', 'approve', null],
  ['merged', 'update', null],
  ['merged', 'withdraw', null],
  ['rejected', 'approve', null],
  ['rejected', 'update', null],
  ['withdrawn', 'approve', null],
  ['merged', 'comment', 'merged'],
  ['open', 'comment', 'open'],
];

describe('change request transitions', () => {
  it.each(table)('%s --%s--> %s', (from, transition, to) => {
    expect(nextStatus(from, transition)).toBe(to);
  });

  it('has no way out of a final status except comments', () => {
    for (const status of CHANGE_STATUSES.filter(isFinal)) {
      for (const t of ['approve', 'reject', 'withdraw', 'merge', 'merge-refused', 'mark-stale', 'update'] as ChangeTransition[]) {
        expect(nextStatus(status, t)).toBeNull();
      }
    }
  });
});
