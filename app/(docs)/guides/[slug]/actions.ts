'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionError, actionOk } from '@/lib/auth/action-result';
import { userAction } from '@/lib/auth/user-action';
import { setGuideRead } from '@/lib/guides/set-guide-read';

const setGuideReadInput = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100),
  read: z.boolean(),
});

/** "Mark as read" / "Mark as unread" on a guide, for the signed-in person. */
export const setGuideReadAction = userAction(setGuideReadInput, async (input, user) => {
  const result = await setGuideRead(user, input);
  if (result.status === 'not-found') return actionError('not-found', 'There is no such guide.');
  revalidatePath('/guides');
  return actionOk({ read: result.read, readAt: result.readAt });
});
