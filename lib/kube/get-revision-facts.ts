import 'server-only';
// "Is my change live?" — what the config repository says about the revisions a cluster runs: the
// newest commit that changed the app's values for the environment, and for each running revision
// how many such commits came after it (0 when its values are the same as the newest).
import type { App, EnvironmentName } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { blobId, type CommitSummary, history } from '@/lib/gitops/history';
import { headRevision } from '@/lib/gitops/read-repo';
import { configFilesFor } from './config-files';
import type { RevisionFacts } from './summarize-app-status';

/** How far back "behind by N commits" looks. */
const HISTORY_LIMIT = 500;

interface HeadFacts {
  /** Every commit from head, newest first (first parent order as history() walks it). */
  order: Map<string, number>;
  touching: CommitSummary[];
  headBlobs: (string | null)[];
}

// Keyed by repository, head, app and environment; the head moves with each commit, so entries
// for old heads are dropped when the map grows.
const cache = new Map<string, Promise<HeadFacts>>();
const allCommits = new Map<string, Promise<CommitSummary[]>>();

function remember<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) {
    if (map.size > 200) map.clear();
    found = load();
    found.catch(() => map.delete(key));
    map.set(key, found);
  }
  return found;
}

async function factsAt(repo: ConfigRepo, head: string, app: App, environment: EnvironmentName): Promise<HeadFacts> {
  const paths = configFilesFor(app, environment);
  return remember(cache, `${repo.dir}|${head}|${app.name}|${environment}`, async () => {
    const [all, touching, headBlobs] = await Promise.all([
      remember(allCommits, `${repo.dir}|${head}`, () => history(repo, { from: head, limit: HISTORY_LIMIT })),
      history(repo, { from: head, paths, limit: HISTORY_LIMIT }),
      Promise.all(paths.map((p) => blobId(repo, head, p))),
    ]);
    return { order: new Map(all.map((c, index) => [c.revision, index])), touching, headBlobs };
  });
}

export async function getRevisionFacts(repo: ConfigRepo, app: App, environment: EnvironmentName, running: string[]): Promise<RevisionFacts | undefined> {
  const head = await headRevision(repo);
  const facts = await factsAt(repo, head, app, environment);
  const latestCommit = facts.touching[0];
  if (!latestCommit) return undefined;
  const paths = configFilesFor(app, environment);
  const behind: Record<string, number | null> = {};
  for (const revision of running) {
    const position = facts.order.get(revision);
    if (position === undefined) {
      behind[revision] = null;
      continue;
    }
    const blobs = await Promise.all(paths.map((p) => blobId(repo, revision, p)));
    if (blobs.every((b, i) => b === facts.headBlobs[i])) {
      behind[revision] = 0;
      continue;
    }
    behind[revision] = facts.touching.filter((c) => (facts.order.get(c.revision) ?? Infinity) < position).length;
  }
  return {
    latest: { revision: latestCommit.revision, subject: latestCommit.subject, author: latestCommit.author.name, time: latestCommit.time },
    behind,
  };
}
