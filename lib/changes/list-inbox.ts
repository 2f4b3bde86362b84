import 'server-only';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { type ChangeDeps, changeStores } from './change-deps';
import type { ChangeRequest } from './change-request';
import { listChangeRequests } from './change-repository';
import { refreshOpenRequests } from './mark-stale';

export interface ChangesInbox {
  waitingForMe: ChangeRequest[];
  mine: ChangeRequest[];
  recent: ChangeRequest[];
}

/** The Changes page: what I can review (not my own), what I asked for, and what happened lately. */
export async function listInbox(user: BerthUser, deps: ChangeDeps = {}): Promise<ChangesInbox> {
  const { db, repo, catalog } = await changeStores(deps);
  // A request the repository has overtaken is not "waiting for review": it is stale.
  await refreshOpenRequests(db, repo);
  const reviewable = (await catalog()).apps.filter((app) => decide(user, 'change.approve', { app, authorEmail: '' }).allowed).map((a) => a.name);
  const [waitingForMe, mine, recent] = await Promise.all([
    listChangeRequests(db, { statuses: ['open'], apps: reviewable, excludeAuthorEmail: user.email }),
    listChangeRequests(db, { authorEmail: user.email, limit: 20 }),
    listChangeRequests(db, { limit: 20 }),
  ]);
  return { waitingForMe, mine, recent };
}
