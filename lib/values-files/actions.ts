'use server';
// The editor's server actions: thin. userAction parses the input and requires a person; the data
// functions check the app, the policy and the schema again themselves.
import { userAction } from '@/lib/auth/user-action';
import { revertValuesChange } from './revert-values-change';
import { saveValues } from './save-values';
import { revertValuesInput, saveValuesInput } from './values-inputs';

/** The editor's Save (stage). */
export const saveValuesAction = userAction(saveValuesInput, (input, user) => saveValues(user, input));

/** "Revert this change": a new commit through the same validation and policy as any save. */
export const revertValuesAction = userAction(revertValuesInput, (input, user) => revertValuesChange(user, input));
