import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ChangeStatus } from '@/lib/changes/change-request';

const tone: Record<ChangeStatus, BadgeTone> = {
  open: 'info',
  approved: 'brand',
  merged: 'good',
  rejected: 'bad',
  withdrawn: 'neutral',
  stale: 'warn',
};

const label: Record<ChangeStatus, string> = {
  open: 'waiting for review',
  approved: 'approved, merging',
  merged: 'merged',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  stale: 'stale — needs a re-base',
};

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  return <Badge tone={tone[status]}>{label[status]}</Badge>;
}
