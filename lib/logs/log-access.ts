import 'server-only';
// May this person read this app's logs in this environment, and on what ground? The policy table
// decides ('logs.read'); this reads what it needs to be asked — the person's running break-glass
// grant — and says which ground applied, for the audit record of the read.
import { fail, ok, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { App, Catalog, Environment } from '@/lib/catalog/types';
import { type LogAccessDeps, logAccessStores } from './log-access-deps';
import { findActiveGrant, type LogAccessGrant } from './log-access-grants';

export type LogAccess =
  | { allowed: true; reason: string; breakGlass: LogAccessGrant | null }
  | { allowed: false; reason: string; canBreakGlass: boolean };

export async function checkLogAccess(user: BerthUser, app: App, environment: Environment, deps: LogAccessDeps = {}): Promise<LogAccess> {
  const now = deps.now ?? new Date();
  const where = { app, environment };
  // Most reads are the owning team's or stage's: no grant to look up.
  const direct = decide(user, 'logs.read', { ...where, breakGlass: null, now });
  if (direct.allowed) return { allowed: true, reason: direct.reason, breakGlass: null };
  const canBreakGlass = decide(user, 'logs.breakGlass', where).allowed;
  if (!canBreakGlass) return { allowed: false, reason: direct.reason, canBreakGlass: false };
  const { db } = await logAccessStores(deps);
  const grant = await findActiveGrant(db, { kind: 'break-glass', email: user.email, app: app.name, environment: environment.name, now });
  const decision = decide(user, 'logs.read', { ...where, breakGlass: grant, now });
  return decision.allowed ? { allowed: true, reason: decision.reason, breakGlass: grant } : { allowed: false, reason: decision.reason, canBreakGlass: true };
}

/** Access to each of the app's environments, for pages that link to the logs. */
export async function checkLogAccessPerEnvironment(user: BerthUser, app: App, environments: readonly Environment[], deps: LogAccessDeps = {}): Promise<Map<string, LogAccess>> {
  const now = deps.now ?? new Date();
  const answers = await Promise.all(environments.map(async (environment) => [environment.name, await checkLogAccess(user, app, environment, { ...deps, now })] as const));
  return new Map(answers);
}

/** The app and one of its environments from the catalog, or why not (for the log access actions). */
export function findAppEnvironment(catalog: Pick<Catalog, 'apps' | 'environments'>, appName: string, environmentName: string): Result<{ app: App; environment: Environment }> {
  const app = catalog.apps.find((a) => a.name === appName);
  if (!app) return fail('not-found', `There is no app called ${appName}.`);
  const environment = catalog.environments.find((e) => e.name === environmentName && app.environments.some((n) => n === e.name));
  if (!environment) return fail('not-found', `${app.name} does not run in ${environmentName}.`);
  return ok({ app, environment });
}
