// What happened to a change request, in the author's words. Runs in the browser too.
import type { ChangeEventKind } from '@/lib/changes/change-request';

export const DECISION_WORDS: Partial<Record<ChangeEventKind, string>> = {
  approved: 'approved',
  merged: 'approved and merged',
  rejected: 'rejected',
  stale: 'out of date: the file changed since',
  'merge-refused': 'approved, but could not be merged',
};

export function decisionWords(kind: ChangeEventKind): string {
  return DECISION_WORDS[kind] ?? kind;
}
