// What a save or a revert sends, for the server actions and the HTTP API alike.
import { z } from 'zod';
import { appNameSchema } from '@/lib/catalog/app-name';
import { valuesFileNameSchema } from './values-file';

export const revisionSchema = z.string().regex(/^[0-9a-f]{40}$/, 'a full commit id');

export const saveValuesInput = z.object({
  app: appNameSchema,
  file: valuesFileNameSchema,
  // The size limit itself is enforced (and explained) by saveValues; this only bounds the parse.
  text: z.string().max(2 * 1024 * 1024),
  baseRevision: revisionSchema,
  message: z.string().max(2000).default(''),
});

export const revertValuesInput = z.object({ app: appNameSchema, revision: revisionSchema });
