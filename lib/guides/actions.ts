'use server';
// The guides' server actions: thin. userAction parses the input and requires a person.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { userAction } from '@/lib/auth/user-action';
import { setGuideRead } from './set-guide-read';

const setGuideReadInput = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100),
  read: z.boolean(),
});

/** "Mark as read" / "Mark as unread" on a guide, for the signed-in person. */
export const setGuideReadAction = userAction(setGuideReadInput, async (input, user) => {
  const result = await setGuideRead(user, input);
  if (result.ok) revalidatePath('/guides');
  return result;
});
