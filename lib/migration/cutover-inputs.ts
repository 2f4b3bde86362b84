// What each cutover step action sends, for the server actions and the HTTP API alike. Isomorphic.
import { z } from 'zod';
import { appNameSchema } from '@/lib/catalog/app-name';

export const stepIdSchema = z.coerce.number().int().positive().max(2 ** 31);

export const requestStepInput = z.object({
  app: appNameSchema,
  // Checked again (with the same words) by requestStep, for callers that skip this schema.
  share: z.coerce
    .number({ error: 'GKE\'s share must be a whole percent from 1 to 100.' })
    .int('GKE\'s share must be a whole percent from 1 to 100.')
    .min(1, 'GKE\'s share must be a whole percent from 1 to 100 (0 is where a window ends, not a step).')
    .max(100, 'GKE\'s share must be a whole percent from 1 to 100.'),
  /** Minutes of the window (ignored for 100 %); default: migration.yaml's stepWindowMinutes. */
  windowMinutes: z.coerce.number().int('The window is a whole number of minutes.').min(1, 'The window lasts at least 1 minute.').max(24 * 60, 'The window lasts at most a day.').optional(),
  reason: z.string().trim().min(1, 'Say why: the working group reads it in the step log.').max(2000),
});

export const approveStepInput = z.object({ id: stepIdSchema, comment: z.string().trim().max(2000).optional() });
export const rejectStepInput = z.object({ id: stepIdSchema, reason: z.string().trim().min(1, 'Say why you reject it: the requester reads this.').max(2000) });
export const withdrawStepInput = z.object({ id: stepIdSchema });
export const rollbackStepInput = z.object({ id: stepIdSchema });
export const cutoverViewInput = z.object({ app: appNameSchema });

export type RequestStepInput = z.infer<typeof requestStepInput>;
