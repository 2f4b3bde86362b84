import type { ValuesChangeEvaluation } from '@/lib/values-files/evaluate-values-change';

export const CHANGE_STATUSES = ['open', 'approved', 'merged', 'rejected', 'withdrawn', 'stale'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface ChangeRequest {
  id: number;
  app: string;
  fileName: string;
  filePath: string;
  environments: string[];
  title: string;
  author: { email: string; name: string };
  baseRevision: string;
  baseText: string;
  proposedText: string;
  diffHash: string;
  evaluation: ValuesChangeEvaluation;
  status: ChangeStatus;
  statusReason: string | null;
  mergedRevision: string | null;
  /** The commit Berth wrote for this request (set just before the branch moves to it). */
  mergeCommit: string | null;
  /** While approved: when the replica merging it last said it still was. */
  mergeHeartbeatAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ChangeEventKind = 'opened' | 'updated' | 'comment' | 'approved' | 'rejected' | 'withdrawn' | 'merged' | 'stale' | 'merge-refused';

export interface ChangeEvent {
  id: number;
  actor: { email: string; name: string };
  kind: ChangeEventKind;
  body: string | null;
  diffHash: string | null;
  time: string;
}
