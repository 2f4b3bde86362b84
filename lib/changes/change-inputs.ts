// What each change request action sends, for the server actions and the HTTP API alike.
import { z } from 'zod';
import { appNameSchema } from '@/lib/catalog/app-name';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { revisionSchema } from '@/lib/values-files/values-inputs';

export const changeIdSchema = z.coerce.number().int().positive().max(2 ** 31);

export const requestChangeInput = z.object({
  app: appNameSchema,
  file: valuesFileNameSchema,
  // The size limit itself is enforced (and explained) by requestChange; this only bounds the parse.
  text: z.string().max(2 * 1024 * 1024),
  baseRevision: revisionSchema,
  message: z.string().max(2000).default(''),
});

export const updateChangeInput = z.object({ id: changeIdSchema, text: z.string().max(2 * 1024 * 1024), baseRevision: revisionSchema });

export const approveChangeInput = z.object({
  id: changeIdSchema,
  diffHash: z.string().regex(/^[0-9a-f]{64}$/, 'the hash of the diff you reviewed'),
  comment: z.string().trim().max(5000).optional(),
});

export const rejectChangeInput = z.object({ id: changeIdSchema, comment: z.string().trim().min(1, 'Say why you reject it: the author reads this.').max(5000) });

export const withdrawChangeInput = z.object({ id: changeIdSchema });

export const commentOnChangeInput = z.object({ id: changeIdSchema, body: z.string().trim().min(1, 'A comment cannot be empty.').max(5000) });
