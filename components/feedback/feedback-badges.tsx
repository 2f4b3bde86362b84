import { Badge, type BadgeTone } from '@/components/ui/badge';
import {
  type FeedbackKind,
  type FeedbackStatus,
  feedbackKindLabels,
  feedbackStatusLabels,
  type Severity,
  severityLabels,
} from '@/lib/feedback/feedback-terms';

const statusTones: Record<FeedbackStatus, BadgeTone> = {
  new: 'info',
  triaged: 'brand',
  'in-progress': 'warn',
  resolved: 'good',
  'wont-fix': 'neutral',
};

const severityTones: Record<Severity, BadgeTone> = { blocking: 'bad', degraded: 'warn', annoying: 'neutral' };

export function StatusBadge({ status }: { status: FeedbackStatus }) {
  return <Badge tone={statusTones[status]}>{feedbackStatusLabels[status]}</Badge>;
}

export function KindBadge({ kind }: { kind: FeedbackKind }) {
  return <Badge>{feedbackKindLabels[kind]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={severityTones[severity]} title={severityLabels[severity].hint}>
      {severityLabels[severity].label}
    </Badge>
  );
}
