export interface AuditEvent {
  id: string;
  /** Email of the person (or `berth` for the system). */
  actor: string;
  /** Dotted verb, e.g. `values.commit`, `change.approve`, `auth.sign-in`. */
  action: string;
  /** What it was done to, e.g. `app:patient-portal`, `change:42`. */
  target: string;
  details: Record<string, unknown>;
  time: string;
}
