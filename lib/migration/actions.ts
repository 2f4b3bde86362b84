'use server';
// The Migration pages' server actions: thin. userAction parses the input and requires a person;
// the data functions check the app, the policy and the file's schema again themselves. Pastes of
// Aptible output arrive here as action bodies: nothing on the way logs a body, and the data
// function keeps only the names it reads from them.
import { userAction } from '@/lib/auth/user-action';
import { approveStepInput, rejectStepInput, requestStepInput, rollbackStepInput, withdrawStepInput } from './cutover-inputs';
import { approveStep, rejectStep, requestStep, rollbackStep, withdrawStep } from './cutover-steps';
import { checkParity, dropConfigKey } from './check-parity';
import { checkParityInput, dropConfigKeyInput, updateMigrationInput } from './migration-inputs';
import { updateMigration } from './update-migration';

/** Move an app to a state (the owning team or platform; "validated in stage": the owning team, by name). */
export const updateMigrationAction = userAction(updateMigrationInput, (input, user) => updateMigration(user, input));

/** Compare pasted Aptible output with the values, and record the names when asked. */
export const checkParityAction = userAction(checkParityInput, (input, user) => checkParity(user, input));

/** Record why an Aptible config key stays behind (an empty reason takes it back). */
export const dropConfigKeyAction = userAction(dropConfigKeyInput, (input, user) => dropConfigKey(user, input));

// The cutover ladder (cutover-steps.ts): ask for a step, approve (Berth then runs it), reject,
// withdraw, roll back with one click.
export const requestStepAction = userAction(requestStepInput, (input, user) => requestStep(user, input));
export const approveStepAction = userAction(approveStepInput, (input, user) => approveStep(user, input));
export const rejectStepAction = userAction(rejectStepInput, (input, user) => rejectStep(user, input));
export const withdrawStepAction = userAction(withdrawStepInput, (input, user) => withdrawStep(user, input));
export const rollbackStepAction = userAction(rollbackStepInput, (input, user) => rollbackStep(user, input));
