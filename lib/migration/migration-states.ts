// The states of an app's move in the working group's words, for the board and the app page.
// Isomorphic.
/** Where an app stands, in the order it moves. */
export const MIGRATION_STATES = ['aptible-only', 'gke-stage', 'validated-in-stage', 'cutover', 'gke-100', 'aptible-deprovisioned'] as const;
export type MigrationState = (typeof MIGRATION_STATES)[number];

/** True when `state` is `other` or further along. */
export function isAtLeast(state: MigrationState, other: MigrationState): boolean {
  return MIGRATION_STATES.indexOf(state) >= MIGRATION_STATES.indexOf(other);
}

export interface StateDescription {
  state: MigrationState;
  label: string;
  /** What is true of the app in this state. */
  meaning: string;
}

const DESCRIPTIONS: Record<MigrationState, Omit<StateDescription, 'state'>> = {
  'aptible-only': { label: 'On Aptible only', meaning: 'Aptible serves all traffic; GKE does not run the app yet (or it is not ready to be tried).' },
  'gke-stage': { label: 'Running in GKE stage', meaning: 'The app runs in GKE stage beside Aptible; its team is trying it there.' },
  'validated-in-stage': { label: 'Validated in stage', meaning: 'Its team checked it in GKE stage and said so, by name.' },
  cutover: { label: 'Cutover in progress', meaning: 'GKE takes a share of production traffic through the edge Envoy, in steps.' },
  'gke-100': { label: '100 % on GKE', meaning: 'GKE serves all traffic; Aptible still runs, as a way back.' },
  'aptible-deprovisioned': { label: 'Aptible deprovisioned', meaning: 'The Aptible app is gone: the move is finished.' },
};

export function describeState(state: MigrationState): StateDescription {
  return { state, ...DESCRIPTIONS[state] };
}

export const STATE_DESCRIPTIONS: StateDescription[] = MIGRATION_STATES.map(describeState);
