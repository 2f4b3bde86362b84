import 'server-only';
// "Is my change live?" — what the config repository says about the revisions a cluster runs: the
// newest commit that changed the app's values for the environment, and for each running revision
// how many such commits came after it (0 when its values are the same as the newest).
//
// Which files each commit changed is content-addressed, so it is worked out once per commit (a
// tree diff with its first parent, pruned where subtrees are equal) and shared by every app and
// environment: after a commit, only the new commit is read, not the history once per app. The
// facts themselves depend only on the head and the running revisions, so a status request that
// finds them computed does no git reads at all.
import git from 'isomorphic-git';
import type { App, EnvironmentName } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { blobId } from '@/lib/gitops/history';
import { headRevision } from '@/lib/gitops/read-repo';
import { configFilesFor } from './config-files';
import type { RevisionFacts } from './summarize-app-status';

/** How far back "behind by N commits" looks: revisions older than this are "not in the history". */
const HISTORY_LIMIT = 500;
/** How far back the newest commit of an app's files is looked for. */
const MAX_WALK = 20_000;
/** Commits remembered per process (a few hundred bytes each); the map is cleared past this. */
const MAX_COMMITS = 50_000;
/** Trees are only needed while a commit is compared with its parent. */
const MAX_TREES = 2_000;

interface CommitChanges {
  revision: string;
  /** First parent (undefined: the root commit). */
  parent?: string;
  subject: string;
  author: string;
  time: string;
  /** Files that differ from the first parent (every file for the root commit). */
  changed: Set<string>;
}

const commits = new Map<string, Promise<CommitChanges>>();
const commitObjects = new Map<string, Promise<{ tree: string; parent?: string; message: string; author: { name: string; timestamp: number } }>>();
const trees = new Map<string, Promise<{ path: string; oid: string; type: string }[]>>();
const heads = new Map<string, Promise<Map<string, number>>>();
const facts = new Map<string, Promise<RevisionFacts | undefined>>();

function remember<T>(map: Map<string, Promise<T>>, key: string, limit: number, load: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) {
    if (map.size >= limit) map.clear();
    found = load();
    found.catch(() => map.delete(key));
    map.set(key, found);
  }
  return found;
}

function readTree(repo: ConfigRepo, oid: string) {
  return remember(trees, `${repo.dir}|${oid}`, MAX_TREES, async () => {
    const { tree } = await git.readTree({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
    return tree.map(({ path, oid: entry, type }) => ({ path, oid: entry, type }));
  });
}

/** Paths of the files that differ between two trees (either may be absent). */
async function diffTrees(repo: ConfigRepo, a: string | undefined, b: string | undefined, prefix: string, out: Set<string>): Promise<void> {
  if (a === b) return;
  const [left, right] = await Promise.all([a ? readTree(repo, a) : [], b ? readTree(repo, b) : []]);
  const leftByName = new Map(left.map((e) => [e.path, e]));
  const rightByName = new Map(right.map((e) => [e.path, e]));
  for (const name of new Set([...leftByName.keys(), ...rightByName.keys()])) {
    const l = leftByName.get(name);
    const r = rightByName.get(name);
    if (l?.oid === r?.oid) continue;
    const path = `${prefix}${name}`;
    if (l?.type === 'tree' || r?.type === 'tree') {
      await diffTrees(repo, l?.type === 'tree' ? l.oid : undefined, r?.type === 'tree' ? r.oid : undefined, `${path}/`, out);
      if (l?.type === 'blob' || r?.type === 'blob') out.add(path);
    } else {
      out.add(path);
    }
  }
}

function readCommit(repo: ConfigRepo, oid: string) {
  return remember(commitObjects, `${repo.dir}|${oid}`, MAX_TREES, async () => {
    const { commit } = await git.readCommit({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
    return { tree: commit.tree, parent: commit.parent[0], message: commit.message, author: { name: commit.author.name, timestamp: commit.author.timestamp } };
  });
}

function commitChanges(repo: ConfigRepo, revision: string): Promise<CommitChanges> {
  return remember(commits, `${repo.dir}|${revision}`, MAX_COMMITS, async () => {
    const commit = await readCommit(repo, revision);
    const parent = commit.parent;
    const parentTree = parent ? (await readCommit(repo, parent)).tree : undefined;
    const changed = new Set<string>();
    await diffTrees(repo, parentTree, commit.tree, '', changed);
    return {
      revision,
      parent,
      subject: commit.message.trimEnd().split('\n')[0],
      author: commit.author.name,
      time: new Date(commit.author.timestamp * 1000).toISOString(),
      changed,
    };
  });
}

/** Position of each of the last HISTORY_LIMIT first-parent commits from `head` (0 = head). */
function positionsFrom(repo: ConfigRepo, head: string): Promise<Map<string, number>> {
  return remember(heads, `${repo.dir}|${head}`, 200, async () => {
    const order = new Map<string, number>();
    let next: string | undefined = head;
    while (next && order.size < HISTORY_LIMIT) {
      order.set(next, order.size);
      next = (await commitChanges(repo, next)).parent;
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
  const touching: CommitChanges[] = [];
  let next: string | undefined = head;
  for (let walked = 0; next && walked < MAX_WALK && (walked < HISTORY_LIMIT || touching.length === 0); walked++) {
    const commit: CommitChanges = await commitChanges(repo, next);
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
    latest: { revision: latest.revision, subject: latest.subject, author: latest.author, time: latest.time },
    behind,
  };
}
