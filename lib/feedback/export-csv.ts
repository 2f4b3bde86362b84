// Feedback as CSV for the meeting's spreadsheet, quoted and formula-safe by lib/text/csv.ts.
// Pure: no I/O, so it is tested directly.
import { toCsv } from '@/lib/text/csv';
import { feedbackKindLabels, feedbackStatusLabels, severityLabels } from './schemas';
import type { FeedbackItem } from './types';

export const FEEDBACK_CSV_COLUMNS = [
  'id',
  'title',
  'kind',
  'status',
  'severity',
  'worked on Aptible',
  'team',
  'app',
  'environment',
  'guide',
  'session',
  'page',
  'reporter',
  'owner',
  'me too votes',
  'comments',
  'known issue',
  'filed at',
  'closed at',
  'link',
  'description',
] as const;

/** `origin` makes the link column absolute (https://berth.example/feedback/12). */
export function feedbackToCsv(items: FeedbackItem[], origin: string): string {
  return toCsv([
    [...FEEDBACK_CSV_COLUMNS],
    ...items.map((item) => [
      item.id,
      item.title,
      feedbackKindLabels[item.kind],
      feedbackStatusLabels[item.status],
      item.severity ? severityLabels[item.severity].label : '',
      item.workedOnAptible ? 'yes' : 'no',
      item.team,
      item.app,
      item.environment,
      item.guide,
      item.session,
      item.page,
      item.reporter.email,
      item.owner?.email,
      item.votes,
      item.comments,
      item.knownIssue ? 'yes' : 'no',
      item.createdAt,
      item.closedAt,
      `${origin}/feedback/${item.id}`,
      item.description,
    ]),
  ]);
}
