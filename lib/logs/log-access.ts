import 'server-only';
// May this person read this app's logs in this environment, and on what ground? The policy table
// decides ('logs.read'); this reads what it needs to be asked — the person's running break-glass
// grant — and says which ground applied, for the audit record of the read.
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { App, Environment } from '@/lib/catalog/types';
import type { BerthDb } from '@/lib/db/create-db';
import { findActiveGrant, type LogAccessGrant } from './log-access-grants';

export type LogAccess =
  | { allowed: true; reason: string; breakGlass: LogAccessGrant | null }
  | { allowed: false; reason: string; canBreakGlass: boolean };

export async function checkLogAccess(db: BerthDb, user: BerthUser, app: App, environment: Environment, now = new Date()): Promise<LogAccess> {
  const where = { app, environment };
  // Most reads are the owning team's or stage's: no grant to look up.
  const direct = decide(user, 'logs.read', { ...where, breakGlass: null, now });
  if (direct.allowed) return { allowed: true, reason: direct.reason, breakGlass: null };
  const canBreakGlass = decide(user, 'logs.breakGlass', where).allowed;
  if (!canBreakGlass) return { allowed: false, reason: direct.reason, canBreakGlass: false };
  const grant = await findActiveGrant(db, { kind: 'break-glass', email: user.email, app: app.name, environment: environment.name, now });
  const decision = decide(user, 'logs.read', { ...where, breakGlass: grant, now });
  return decision.allowed ? { allowed: true, reason: decision.reason, breakGlass: grant } : { allowed: false, reason: decision.reason, canBreakGlass: true };
}

/** Access to each of the app's environments, for pages that link to the logs. */
export async function checkLogAccessPerEnvironment(db: BerthDb, user: BerthUser, app: App, environments: readonly Environment[], now = new Date()): Promise<Map<string, LogAccess>> {
  const answers = await Promise.all(environments.map(async (environment) => [environment.name, await checkLogAccess(db, user, app, environment, now)] as const));
  return new Map(answers);
}
