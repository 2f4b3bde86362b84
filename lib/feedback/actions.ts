'use server';

// The feedback server actions: thin. userAction parses the input and requires a person; the data
// functions in lib/feedback check the policy themselves and return typed errors for the UI.
import { z } from 'zod';
import { ok } from '@/lib/result/result';
import { userAction } from '@/lib/auth/user-action';
import { addComment } from '@/lib/feedback/add-comment';
import { createFeedback } from '@/lib/feedback/create-feedback';
import { editFeedback } from '@/lib/feedback/edit-feedback';
import { saveGuideFeedback } from '@/lib/feedback/guide-feedback';
import { linkFeedback } from '@/lib/feedback/link-feedback';
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

export const createFeedbackAction = userAction(newFeedbackSchema, (input, user) => createFeedback(user, input));

export const editFeedbackAction = userAction(editFeedbackSchema, (input, user) => editFeedback(user, input));

export const setStatusAction = userAction(setStatusSchema, (input, user) => setFeedbackStatus(user, input));

export const assignOwnerAction = userAction(assignOwnerSchema, (input, user) => assignFeedbackOwner(user, input));

export const setKnownIssueAction = userAction(setKnownIssueSchema, (input, user) => setFeedbackKnownIssue(user, input));

export const addLinkAction = userAction(addLinkSchema, (input, user) => linkFeedback(user, input));

export const addCommentAction = userAction(addCommentSchema, (input, user) => addComment(user, input));

export const voteAction = userAction(voteSchema, (input, user) => voteFeedback(user, input));

export const markAllSeenAction = userAction(z.object({}), async (_input, user) => {
  await markAllFeedbackSeen(user);
  return ok({});
});

export const saveSessionFeedbackAction = userAction(sessionFeedbackSchema, (input, user) => saveSessionFeedback(user, input));

export const saveGuideFeedbackAction = userAction(guideFeedbackSchema, (input, user) => saveGuideFeedback(user, input));
