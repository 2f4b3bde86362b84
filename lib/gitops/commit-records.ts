import 'server-only';
// What each commit changed, worked out once per commit and shared by everyone who asks: the app
// page's recent changes, an app's history, "is my change live". A commit never changes, so its
// record (message, people, first parent, the files that differ from that parent) is computed
// once per process with a tree diff pruned where subtrees are equal — reading a long history is
// then a walk through memory instead of reading and comparing blobs commit by commit.
import git from 'isomorphic-git';
import type { ConfigRepo } from './config-repo';

export interface CommitRecord {
  revision: string;
  /** First parent (undefined: the root commit). */
  parent?: string;
  parents: string[];
  message: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
  /** Author time, seconds since the epoch. */
  timestamp: number;
  /** Files that differ from the first parent (every file for the root commit). */
  changed: ReadonlySet<string>;
}

/** Commits remembered per process (a few hundred bytes each); the map is cleared past this. */
const MAX_COMMITS = 50_000;
/** Trees and commit objects are only needed while a commit is compared with its parent. */
const MAX_TREES = 2_000;

const records = new Map<string, Promise<CommitRecord>>();
const commitObjects = new Map<string, Promise<Awaited<ReturnType<typeof git.readCommit>>['commit']>>();
const trees = new Map<string, Promise<{ path: string; oid: string; type: string }[]>>();

/** `load()` once per key, remembered (failures are forgotten so they can be retried). */
export function remember<T>(map: Map<string, Promise<T>>, key: string, limit: number, load: () => Promise<T>): Promise<T> {
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

function readCommit(repo: ConfigRepo, oid: string) {
  return remember(commitObjects, `${repo.dir}|${oid}`, MAX_TREES, async () => (await git.readCommit({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache })).commit);
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

/** One commit and the files it changed against its first parent. */
export function commitRecord(repo: ConfigRepo, revision: string): Promise<CommitRecord> {
  return remember(records, `${repo.dir}|${revision}`, MAX_COMMITS, async () => {
    const commit = await readCommit(repo, revision);
    const parent = commit.parent[0];
    const parentTree = parent ? (await readCommit(repo, parent)).tree : undefined;
    const changed = new Set<string>();
    await diffTrees(repo, parentTree, commit.tree, '', changed);
    return {
      revision,
      parent,
      parents: commit.parent,
      message: commit.message,
      author: { name: commit.author.name, email: commit.author.email },
      committer: { name: commit.committer.name, email: commit.committer.email },
      timestamp: commit.author.timestamp,
      changed,
    };
  });
}

/**
 * Works out the records of the last `limit` first-parent commits from `head` ahead of time (at
 * start-up), so the first person to open an app's history on a long repository does not wait
 * for it. Returns how many commits it read.
 */
export async function warmCommitRecords(repo: ConfigRepo, head: string, limit = 20_000): Promise<number> {
  let next: string | undefined = head;
  let count = 0;
  while (next && count < limit) {
    next = (await commitRecord(repo, next)).parent;
    count++;
  }
  return count;
}
