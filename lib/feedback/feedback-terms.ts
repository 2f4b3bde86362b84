// Feedback's limits, kinds, statuses and the words the UI uses for them. Plain data without zod, so
// client components can show them without loading the validation schemas (see schemas.ts).
export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 10_000;
export const COMMENT_MAX = 10_000;
export const SHORT_TEXT_MAX = 2_000;

export const FEEDBACK_KINDS = ['app-problem', 'config-question', 'guide', 'session', 'idea'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const feedbackKindLabels: Record<FeedbackKind, string> = {
  'app-problem': 'Problem with my app on GCP',
  'config-question': 'Configuration question',
  guide: 'Guide unclear or wrong',
  session: 'Training session',
  idea: 'Idea',
};

export const SEVERITIES = ['blocking', 'degraded', 'annoying'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityLabels: Record<Severity, { label: string; hint: string }> = {
  blocking: { label: 'Blocking', hint: 'I cannot ship, or my app is down' },
  degraded: { label: 'Degraded', hint: 'It works, but worse than on Aptible' },
  annoying: { label: 'Annoying', hint: 'A papercut I can live with' },
};

export const FEEDBACK_STATUSES = ['new', 'triaged', 'in-progress', 'resolved', 'wont-fix'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  resolved: 'Resolved',
  'wont-fix': 'Won’t fix',
};
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['new', 'triaged', 'in-progress'];
export const isClosedStatus = (status: FeedbackStatus) => status === 'resolved' || status === 'wont-fix';

export const GUIDE_UNHELPFUL_REASONS = ['incorrect', 'missing', 'unclear', 'other'] as const;
export type GuideUnhelpfulReason = (typeof GUIDE_UNHELPFUL_REASONS)[number];
export const guideReasonLabels: Record<GuideUnhelpfulReason, string> = {
  incorrect: 'Something is incorrect',
  missing: 'Something is missing',
  unclear: 'It is hard to follow',
  other: 'Other',
};
