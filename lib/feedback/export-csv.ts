// Feedback as CSV for the meeting's spreadsheet. RFC 4180 quoting, and cells that a spreadsheet
// would run as a formula (= + - @, tab, carriage return first) are defused with a leading '.
// Pure: no I/O, so it is tested directly.
import { feedbackKindLabels, feedbackStatusLabels, severityLabels } from './schemas';
import type { FeedbackItem } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

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
