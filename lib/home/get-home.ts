import 'server-only';
// getHome(user): what a signed-in person opens Berth for — their team's apps and how each runs,
// the reviews waiting for them, their own requests and what was decided, and replies to their
// feedback. Status comes from the informer caches and the remembered revision facts (no cluster
// call per view); the rest is four small queries.
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import type { ChangeRequest } from '@/lib/changes/change-request';
import { listChangeRequests } from '@/lib/changes/change-repository';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { listMyFeedback } from '@/lib/feedback/my-feedback';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { statusOf } from '@/lib/kube/get-app-status';
import type { KubeRuntime } from '@/lib/kube/kube-runtime';
import { fail, ok, type Result } from '@/lib/result/result';
import { listUnseenDecisions, reviewableApps } from './change-notices';
import type { Home, HomeApp, HomeChange } from './home';

export interface HomeDeps {
  db?: BerthDb;
  repo?: ConfigRepo;
  catalog?: Catalog;
  runtime?: KubeRuntime;
  now?: () => number;
}

const toHomeChange = (c: ChangeRequest): HomeChange => ({
  id: c.id,
  app: c.app,
  title: c.title,
  status: c.status,
  statusReason: c.statusReason,
  author: c.author.name,
  updatedAt: c.updatedAt,
});

export async function getHome(user: BerthUser | null, _input: Record<string, never> = {}, deps: HomeDeps = {}): Promise<Result<Home, never>> {
  if (!user) return fail('unauthenticated', 'Sign in to Berth first.');
  if (user.role === 'unlisted') return fail('forbidden', `${user.email} is not in teams.yaml: ask the platform team to add you.`);
  const repo = deps.repo ?? getConfigRepo();
  const [db, catalog] = await Promise.all([deps.db ?? getDb(), deps.catalog ?? loadCatalog(repo)]);
  const team = catalog.teams.find((t) => t.id === user.team) ?? null;
  const mine = catalog.apps.filter((app) => app.team === user.team);
  const reviewable = reviewableApps(user, catalog);

  const [apps, reviews, requests, decisions, feedback] = await Promise.all([
    Promise.all(
      mine.map(async (app): Promise<HomeApp> => ({
        name: app.name,
        description: app.description,
        environments: await Promise.all(
          app.environments.map(async (environment) => {
            const status = await statusOf(app, environment, catalog, { repo, runtime: deps.runtime, now: deps.now });
            const { state, message, behindBy } = status.change;
            return { environment, verdict: status.health.verdict, title: status.health.title, change: { state, message, ...(behindBy ? { behindBy } : {}) } };
          }),
        ),
      })),
    ),
    listChangeRequests(db, { statuses: ['open'], apps: reviewable, excludeAuthorEmail: user.email, limit: 20 }),
    listChangeRequests(db, { statuses: ['open', 'approved', 'stale'], authorEmail: user.email, limit: 20 }),
    listUnseenDecisions(db, user),
    listMyFeedback(user, { db }),
  ]);
  return ok({
    team: team ? { id: team.id, name: team.name } : null,
    apps,
    reviews: reviews.map(toHomeChange),
    requests: requests.map(toHomeChange),
    decisions,
    feedback: feedback
      .filter((item) => item.unread > 0)
      .slice(0, 10)
      .map((item) => ({ id: item.id, title: item.title, unread: item.unread, status: item.status })),
  });
}
