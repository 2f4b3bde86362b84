import 'server-only';
// "Is my change live?" — what the config repository says about the revisions a cluster runs: the
// newest commit that changed the app's values for the environment, and for each running revision
// how many such commits came after it (0 when its values are the same as the newest).
//
// Which files each commit changed is worked out once per commit (lib/gitops/commit-records) and
// shared by every app and environment: after a commit, only the new commit is read. The
// facts themselves depend only on the head and the running revisions, so a status request that
// finds them computed does no git reads at all.
import type { App, EnvironmentName } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { type CommitRecord, commitRecord, remember } from '@/lib/gitops/commit-records';
import { blobId } from '@/lib/gitops/history';
import { headRevision } from '@/lib/gitops/read-repo';
import { configFilesFor } from './config-files';
import type { RevisionFacts } from './change-liveness';

/** How far back "behind by N commits" looks: revisions older than this are "not in the history". */
const HISTORY_LIMIT = 500;
/** How far back the newest commit of an app's files is looked for. */
const MAX_WALK = 20_000;

const heads = new Map<string, Promise<Map<string, number>>>();
const facts = new Map<string, Promise<RevisionFacts | undefined>>();

/** Position of each of the last HISTORY_LIMIT first-parent commits from `head` (0 = head). */
function positionsFrom(repo: ConfigRepo, head: string): Promise<Map<string, number>> {
  return remember(heads, `${repo.dir}|${head}`, 200, async () => {
    const order = new Map<string, number>();
    let next: string | undefined = head;
    while (next && order.size < HISTORY_LIMIT) {
      order.set(next, order.size);
      next = (await commitRecord(repo, next)).parent;
    }
    return order;
  });
}

/** `head`: the branch head the caller already resolved (the catalog's revision); default: read it. */
export async function getRevisionFacts(repo: ConfigRepo, app: App, environment: EnvironmentName, running: string[], head?: string): Promise<RevisionFacts | undefined> {
  const at = head ?? (await headRevision(repo));
  const paths = configFilesFor(app, environment);
  const key = `${repo.dir}|${at}|${paths.join(',')}|${[...running].sort().join(',')}`;
  return remember(facts, key, 2_000, () => computeFacts(repo, at, paths, running));
}

async function computeFacts(repo: ConfigRepo, head: string, paths: string[], running: string[]): Promise<RevisionFacts | undefined> {
  const order = await positionsFrom(repo, head);
  // The commits that changed the app's files, newest first: within the window for counting, and
  // further back only as far as needed to find the newest one.
  const touching: CommitRecord[] = [];
  let next: string | undefined = head;
  for (let walked = 0; next && walked < MAX_WALK && (walked < HISTORY_LIMIT || touching.length === 0); walked++) {
    const commit: CommitRecord = await commitRecord(repo, next);
    if (paths.some((p) => commit.changed.has(p))) touching.push(commit);
    next = commit.parent;
  }
  const latest = touching[0];
  if (!latest) return undefined;
  const headBlobs = await Promise.all(paths.map((p) => blobId(repo, head, p)));
  const behind: Record<string, number | null> = {};
  for (const revision of running) {
    const position = order.get(revision);
    if (position === undefined) {
      behind[revision] = null;
      continue;
    }
    const blobs = await Promise.all(paths.map((p) => blobId(repo, revision, p)));
    if (blobs.every((b, i) => b === headBlobs[i])) {
      behind[revision] = 0;
      continue;
    }
    behind[revision] = touching.filter((c) => (order.get(c.revision) ?? Infinity) < position).length;
  }
  return {
    latest: {
      revision: latest.revision,
      subject: latest.message.trimEnd().split('\n')[0],
      author: latest.author.name,
      time: new Date(latest.timestamp * 1000).toISOString(),
    },
    behind,
  };
}
