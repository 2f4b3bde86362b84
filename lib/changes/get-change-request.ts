import 'server-only';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { App } from '@/lib/catalog/types';
import { fail, ok, type Result } from '@/lib/result/result';
import { type ChangeDeps, changeStores } from './change-deps';
import type { ChangeEvent, ChangeRequest } from './change-request';
import { findChangeRequest, listChangeEvents } from './change-repository';
import { refreshStaleness } from './mark-stale';

export interface ChangeRequestView {
  change: ChangeRequest;
  events: ChangeEvent[];
  /** The app the request changes; null when it has since left the config repository. */
  app: App | null;
}

/** One change request with its discussion, for a person who may see its app. */
export async function getChangeRequest(user: BerthUser, id: number, deps: ChangeDeps = {}): Promise<Result<ChangeRequestView>> {
  const { db, repo, catalog } = await changeStores(deps);
  const [found, { apps }] = await Promise.all([findChangeRequest(db, id), catalog()]);
  if (!found) return fail('not-found', 'There is no such change request.');
  const app = apps.find((a) => a.name === found.app) ?? null;
  const decision = decide(user, 'app.view', { app: app ?? { name: found.app, team: '' } });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  // Its true state now: an open request the repository has overtaken is stale, not awaiting review.
  const change = await refreshStaleness(db, repo, found);
  return ok({ change, events: await listChangeEvents(db, id), app });
}
