// Feedback's input shapes. Isomorphic (zod only): the browser's forms check input with these before
// sending (loading them on first use), and the server actions and data functions parse with the
// very same ones. The limits and labels live in feedback-terms.ts and are re-exported here.
import { z } from 'zod';
import { appNameSchema, environmentNameSchema } from '@/lib/catalog/app-name';
import { parseFeedbackLink } from './feedback-link';

import {
  COMMENT_MAX,
  DESCRIPTION_MAX,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  type FeedbackKind,
  GUIDE_UNHELPFUL_REASONS,
  type Severity,
  SEVERITIES,
  SHORT_TEXT_MAX,
  TITLE_MAX,
} from './feedback-terms';

export * from './feedback-terms';

/** Guide slugs and session ids share the content folder's slug rule. */
export const contentSlugSchema = z
  .string()
  .max(100, 'at most 100 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');

export const feedbackIdSchema = z.coerce
  .number({ error: 'That is not a feedback number.' })
  .int('That is not a feedback number.')
  .positive('That is not a feedback number.')
  .max(Number.MAX_SAFE_INTEGER, 'That is not a feedback number.');

const title = z
  .string({ error: 'Give it a short title.' })
  .trim()
  .min(1, 'Give it a short title.')
  .max(TITLE_MAX, `Keep the title to ${TITLE_MAX} characters or fewer.`);

const description = z
  .string({ error: 'Describe what happened or what is unclear.' })
  .trim()
  .min(1, 'Describe what happened or what is unclear.')
  .max(DESCRIPTION_MAX, `Keep the description to ${DESCRIPTION_MAX.toLocaleString('en-US')} characters or fewer.`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this to ${max.toLocaleString('en-US')} characters or fewer.`)
    .default('');

/** Where the person was when they filed it, derived from the page (see page-context.ts). */
export const feedbackContextSchema = z.object({
  app: appNameSchema.optional(),
  environment: environmentNameSchema.optional(),
  guide: contentSlugSchema.optional(),
  session: contentSlugSchema.optional(),
  page: z
    .string()
    .max(500, 'at most 500 characters')
    .regex(/^\/[^\s]*$/, 'a path on Berth, starting with /')
    .optional(),
});
export type FeedbackContext = z.infer<typeof feedbackContextSchema>;

const feedbackFields = {
  kind: z.enum(FEEDBACK_KINDS, { error: 'Choose what kind of feedback this is.' }),
  title,
  description,
  severity: z.enum(SEVERITIES, { error: 'Choose how bad it is.' }).optional(),
  workedOnAptible: z.boolean().default(false),
};

// A problem needs a severity for triage; other kinds have none (a stale choice is dropped).
function requireSeverityForProblems<T extends { kind: FeedbackKind; severity?: Severity }>(value: T, ctx: z.RefinementCtx) {
  if (value.kind === 'app-problem' && !value.severity) {
    ctx.addIssue({ code: 'custom', path: ['severity'], message: 'Choose how bad it is: blocking, degraded or annoying.' });
  }
}

const dropSeverityUnlessProblem = <T extends { kind: FeedbackKind; severity?: Severity }>(value: T): T =>
  value.kind === 'app-problem' ? value : { ...value, severity: undefined };

export const newFeedbackSchema = z
  .object({ ...feedbackFields, context: feedbackContextSchema.default({}) })
  .superRefine((value, ctx) => {
    requireSeverityForProblems(value, ctx);
    if (value.context.environment && !value.context.app) {
      ctx.addIssue({ code: 'custom', path: ['context', 'environment'], message: 'An environment needs an app.' });
    }
  })
  .transform(dropSeverityUnlessProblem);
export type NewFeedbackInput = z.input<typeof newFeedbackSchema>;
export type NewFeedback = z.output<typeof newFeedbackSchema>;

export const editFeedbackSchema = z
  .object({ id: feedbackIdSchema, ...feedbackFields })
  .superRefine(requireSeverityForProblems)
  .transform(dropSeverityUnlessProblem);
export type EditFeedbackInput = z.input<typeof editFeedbackSchema>;

export const setStatusSchema = z.object({
  id: feedbackIdSchema,
  status: z.enum(FEEDBACK_STATUSES, { error: 'Choose a status.' }),
  /** Optional note for the reporter, posted to the thread with the change. */
  comment: optionalText(COMMENT_MAX),
});
export type SetStatusInput = z.input<typeof setStatusSchema>;

export const assignOwnerSchema = z.object({
  id: feedbackIdSchema,
  ownerEmail: z.email('Choose someone from the platform team.').nullable(),
});
export type AssignOwnerInput = z.input<typeof assignOwnerSchema>;

export const setKnownIssueSchema = z.object({ id: feedbackIdSchema, knownIssue: z.boolean() });
export type SetKnownIssueInput = z.input<typeof setKnownIssueSchema>;

export const addLinkSchema = z.object({
  id: feedbackIdSchema,
  ref: z
    .string()
    .trim()
    .min(1, 'Paste a link, a commit sha or a change request id.')
    .max(500, 'Keep it to 500 characters or fewer.')
    .refine((ref) => parseFeedbackLink(ref) !== null, {
      message: 'Use an https:// link, a commit sha (7 to 40 hex characters) or a change request id such as change:42.',
    }),
});
export type AddLinkInput = z.input<typeof addLinkSchema>;

export const addCommentSchema = z.object({
  id: feedbackIdSchema,
  body: z
    .string()
    .trim()
    .min(1, 'Write something first.')
    .max(COMMENT_MAX, `Keep a comment to ${COMMENT_MAX.toLocaleString('en-US')} characters or fewer.`),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;

export const voteSchema = z.object({ id: feedbackIdSchema, voted: z.boolean() });
export type VoteInput = z.input<typeof voteSchema>;

export const sessionFeedbackSchema = z.object({
  sessionId: contentSlugSchema,
  rating: z.number({ error: 'Pick a rating from 1 to 5.' }).int('Pick a rating from 1 to 5.').min(1, 'Pick a rating from 1 to 5.').max(5, 'Pick a rating from 1 to 5.'),
  clear: optionalText(SHORT_TEXT_MAX),
  unclear: optionalText(SHORT_TEXT_MAX),
  nextTopics: optionalText(SHORT_TEXT_MAX),
});
export type SessionFeedbackInput = z.input<typeof sessionFeedbackSchema>;

export const guideFeedbackSchema = z
  .object({
    guide: contentSlugSchema,
    helpful: z.boolean(),
    reason: z.enum(GUIDE_UNHELPFUL_REASONS, { error: 'Choose what was wrong with it.' }).optional(),
    comment: optionalText(SHORT_TEXT_MAX),
  })
  .superRefine((value, ctx) => {
    if (!value.helpful && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Choose what was wrong with it.' });
  })
  .transform((value) => (value.helpful ? { ...value, reason: undefined } : value));
export type GuideFeedbackInput = z.input<typeof guideFeedbackSchema>;

/** Board and CSV filters from the query string: an unknown value means "any", never an error page. */
export const boardFilterSchema = z.object({
  status: z.enum([...FEEDBACK_STATUSES, 'open', 'all']).catch('open').default('open'),
  kind: z.enum(FEEDBACK_KINDS).optional().catch(undefined),
  team: appNameSchema.optional().catch(undefined),
  app: appNameSchema.optional().catch(undefined),
  session: contentSlugSchema.optional().catch(undefined),
  guide: contentSlugSchema.optional().catch(undefined),
  sort: z.enum(['newest', 'votes']).catch('newest').default('newest'),
});
export type BoardFilter = z.output<typeof boardFilterSchema>;
