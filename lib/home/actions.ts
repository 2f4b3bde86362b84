'use server';

// The home's server actions: thin wrappers around the data functions.
import { userAction } from '@/lib/auth/user-action';
import { markDecisionsSeenSchema } from './home-inputs';
import { markChangeDecisionsSeen } from './mark-decisions-seen';

export const markDecisionsSeenAction = userAction(markDecisionsSeenSchema, (input, user) => markChangeDecisionsSeen(user, input));
