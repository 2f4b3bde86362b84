import 'server-only';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { fail, ok, type Result } from '@/lib/result/result';
import { appNameSchema } from './app-name';
import { loadCatalog } from './load-catalog';
import type { App, Catalog } from './types';

export const APP_NAME_HINT = 'That is not an app name: lowercase letters, digits and dashes, at most 63 characters.';

/**
 * The app a request names (a route's `[app]` segment, say), for a person who may see it: the name
 * checked before anything reads the repository, then the catalog, then the policy table.
 */
export async function viewApp(user: BerthUser | null, name: string, deps: { repo?: ConfigRepo } = {}): Promise<Result<{ app: App; catalog: Catalog }, never>> {
  const parsed = appNameSchema.safeParse(name);
  if (!parsed.success) return fail('invalid', APP_NAME_HINT);
  const catalog = await loadCatalog(deps.repo ?? getConfigRepo());
  const app = catalog.apps.find((a) => a.name === parsed.data);
  if (!app) return fail('not-found', `There is no app called ${parsed.data}.`);
  const decision = decide(user, 'app.view', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  return ok({ app, catalog });
}
