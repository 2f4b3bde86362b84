'use server';
// The change request server actions: thin. userAction parses the input and requires a person;
// each flow asks the policy table for the request it touches.
import { userAction } from '@/lib/auth/user-action';
import { approveChange, commentOnChange, rejectChange, requestChange, updateChangeRequest, withdrawChange } from './change-flows';
import { approveChangeInput, commentOnChangeInput, rejectChangeInput, requestChangeInput, updateChangeInput, withdrawChangeInput } from './change-inputs';

/** The editor's "Request approval" (production). */
export const requestChangeAction = userAction(requestChangeInput, (input, user) => requestChange(user, input));

/** The editor re-basing or editing an open request (the author only). */
export const updateChangeRequestAction = userAction(updateChangeInput, (input, user) => updateChangeRequest(user, input));

/** Approve the diff the reviewer saw (its hash), then merge it. */
export const approveChangeAction = userAction(approveChangeInput, (input, user) => approveChange(user, input));

export const rejectChangeAction = userAction(rejectChangeInput, (input, user) => rejectChange(user, input));

export const withdrawChangeAction = userAction(withdrawChangeInput, (input, user) => withdrawChange(user, input));

export const commentOnChangeAction = userAction(commentOnChangeInput, (input, user) => commentOnChange(user, input));
