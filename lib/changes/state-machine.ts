// Which transitions a change request allows. Pure, so the rules are pinned by a table of tests;
// the repository applies them with a compare-and-set on the request's version.
import type { ChangeStatus } from './change-request';

export type ChangeTransition = 'approve' | 'reject' | 'withdraw' | 'merge' | 'merge-refused' | 'mark-stale' | 'update' | 'comment';

const allowed: Record<ChangeTransition, { from: ChangeStatus[]; to: ChangeStatus | null }> = {
  // Approval moves to approved; Berth then merges it at once.
  approve: { from: ['open'], to: 'approved' },
  reject: { from: ['open'], to: 'rejected' },
  withdraw: { from: ['open', 'stale'], to: 'withdrawn' },
  merge: { from: ['approved'], to: 'merged' },
  // The merge found the change invalid against the current head: back to open, with the reason.
  'merge-refused': { from: ['approved'], to: 'open' },
  // The file changed under the request: the author re-bases it in the editor.
  'mark-stale': { from: ['open', 'approved'], to: 'stale' },
  // A new proposal (re-base or edit) voids every earlier approval: the diff hash changes.
  update: { from: ['open', 'stale'], to: 'open' },
  comment: { from: ['open', 'approved', 'stale', 'rejected', 'merged', 'withdrawn'], to: null },
};

export function nextStatus(status: ChangeStatus, transition: ChangeTransition): ChangeStatus | null {
  const rule = allowed[transition];
  if (!rule.from.includes(status)) return null;
  return rule.to ?? status;
}

export function isFinal(status: ChangeStatus): boolean {
  return status === 'merged' || status === 'rejected' || status === 'withdrawn';
}
