'use server';

// The feedback server actions: thin. userAction parses the input and requires a person; the data
// functions in lib/feedback check the policy themselves and return typed errors for the UI.
import { z } from 'zod';
import { ok } from '@/lib/result/result';
import { userAction } from '@/lib/auth/user-action';
import { getDb } from '@/lib/db/get-db';
import { addComment } from '@/lib/feedback/add-comment';
import { createFeedback } from '@/lib/feedback/create-feedback';
import { editFeedback } from '@/lib/feedback/edit-feedback';
import { saveGuideFeedback } from '@/lib/feedback/guide-feedback';
import { linkFeedback } from '@/lib/feedback/link-feedback';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { markAllFeedbackSeen } from '@/lib/feedback/my-feedback';
import {
  addCommentSchema,
  addLinkSchema,
  assignOwnerSchema,
  editFeedbackSchema,
  guideFeedbackSchema,
  newFeedbackSchema,
  sessionFeedbackSchema,
  setKnownIssueSchema,
  setStatusSchema,
  voteSchema,
} from '@/lib/feedback/schemas';
import { saveSessionFeedback } from '@/lib/feedback/session-feedback';
import { assignFeedbackOwner, setFeedbackKnownIssue, setFeedbackStatus } from '@/lib/feedback/triage-feedback';
import { voteFeedback } from '@/lib/feedback/vote-feedback';

export const createFeedbackAction = userAction(newFeedbackSchema, async (input, user) =>
  createFeedback(await getDb(), user, input, await loadFeedbackCatalog()),
);

export const editFeedbackAction = userAction(editFeedbackSchema, async (input, user) => editFeedback(await getDb(), user, input));

export const setStatusAction = userAction(setStatusSchema, async (input, user) => setFeedbackStatus(await getDb(), user, input));

export const assignOwnerAction = userAction(assignOwnerSchema, async (input, user) =>
  assignFeedbackOwner(await getDb(), user, input, await loadFeedbackCatalog()),
);

export const setKnownIssueAction = userAction(setKnownIssueSchema, async (input, user) => setFeedbackKnownIssue(await getDb(), user, input));

export const addLinkAction = userAction(addLinkSchema, async (input, user) => linkFeedback(await getDb(), user, input));

export const addCommentAction = userAction(addCommentSchema, async (input, user) => addComment(await getDb(), user, input));

export const voteAction = userAction(voteSchema, async (input, user) => voteFeedback(await getDb(), user, input));

export const markAllSeenAction = userAction(z.object({}), async (_input, user) => {
  await markAllFeedbackSeen(await getDb(), user);
  return ok({});
});

export const saveSessionFeedbackAction = userAction(sessionFeedbackSchema, async (input, user) =>
  saveSessionFeedback(await getDb(), user, input, await loadFeedbackCatalog()),
);

export const saveGuideFeedbackAction = userAction(guideFeedbackSchema, async (input, user) =>
  saveGuideFeedback(await getDb(), user, input, await loadFeedbackCatalog()),
);
