// Which state an app may be moved to by hand, and why not: one rule set for updateMigration and
// the buttons of the app's migration page. The cutover ladder owns the steps through Envoy.
// Isomorphic.
import { isAtLeast, MIGRATION_STATES, type MigrationFile, type MigrationState } from './migration-file';
import { describeState } from './migration-states';

export interface MoveRefusal {
  code: 'invalid' | 'conflict';
  message: string;
}

export function moveRefusal(app: string, team: string, current: MigrationFile | null, to: MigrationState): MoveRefusal | null {
  const from = current?.state ?? 'aptible-only';
  if (from === 'cutover') {
    return { code: 'conflict', message: `${app} is mid-cutover (GKE at ${current?.gkeShare ?? 0} %): the cutover ladder moves it on — to 100 % with an approved step, or back to 0.` };
  }
  if (to === 'cutover') return { code: 'invalid', message: 'A cutover starts with the cutover ladder’s first step (a production change with a second person’s approval), not here.' };
  if (to === 'gke-100' && current?.cutover) {
    return { code: 'invalid', message: `${app}'s traffic goes through the edge Envoy: it reaches 100 % through the cutover ladder's approved 100 % step.` };
  }
  if (to === 'aptible-deprovisioned' && from !== 'gke-100' && from !== 'aptible-deprovisioned') {
    return { code: 'invalid', message: `Aptible can be deprovisioned once GKE has all of ${app}'s traffic (now: ${describeState(from).label.toLowerCase()}).` };
  }
  if (isAtLeast(to, 'validated-in-stage') && to !== 'validated-in-stage' && !current?.validatedInStage) {
    return { code: 'invalid', message: `${app} has not been validated in stage by the ${team} team yet.` };
  }
  return null;
}

/** The moves a page offers: the next state forward, and one back (never a state the ladder owns). */
export function possibleMoves(app: string, team: string, current: MigrationFile | null): MigrationState[] {
  const from = current?.state ?? 'aptible-only';
  const index = MIGRATION_STATES.indexOf(from);
  const candidates = MIGRATION_STATES.filter((s, i) => s !== from && s !== 'cutover' && Math.abs(i - index) <= (from === 'validated-in-stage' ? 2 : 1));
  return candidates.filter((to) => moveRefusal(app, team, current, to) === null);
}
