'use server';

import { z } from 'zod';
import { revertValuesChange } from '@/lib/values-files/revert-values-change';
import { saveValues, type SaveValuesResult } from '@/lib/values-files/save-values';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { actionOk } from '@/lib/auth/action-result';
import { userAction } from '@/lib/auth/user-action';

const saveValuesInput = z.object({
  app: z.string().max(100),
  file: valuesFileNameSchema,
  // The size limit itself is enforced (and explained) by saveValues; this only bounds the parse.
  text: z.string().max(2 * 1024 * 1024),
  baseRevision: z.string().regex(/^[0-9a-f]{40}$/),
  message: z.string().max(2000),
});

/** The editor's Save (stage). Every check happens again on the server: the app, the policy, the schema. */
export const saveValuesAction = userAction(saveValuesInput, async (input, user) => actionOk<SaveValuesResult>(await saveValues(user, input)));

const revertInput = z.object({ app: z.string().max(100), revision: z.string().regex(/^[0-9a-f]{40}$/) });

/** "Revert this change": a new commit through the same validation and policy as any save. */
export const revertValuesAction = userAction(revertInput, async (input, user) => actionOk(await revertValuesChange(user, input)));
