import 'server-only';
// A commit's tree is the parent's tree with exactly the files of the change replaced — built from
// objects alone. Never from the index or the working tree: whatever they hold (a crash between
// steps, an operator's edit, a save that failed) cannot be swept into someone's commit.
import git from 'isomorphic-git';
import type { ConfigRepo } from './config-repo';
import { gitWriteFs } from './atomic-files';

export interface TreeChange {
  path: string;
  /** New text; null deletes the file. */
  text: string | null;
}

interface TreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

const FILE_MODE = '100644';
const TREE_MODE = '040000';

async function readEntries(repo: ConfigRepo, treeOid: string | undefined): Promise<TreeEntry[]> {
  if (!treeOid) return [];
  const { tree } = await git.readTree({ fs: repo.fs, dir: repo.dir, oid: treeOid, cache: repo.cache });
  return tree.map((e) => ({ mode: e.mode, path: e.path, oid: e.oid, type: e.type }));
}

/** The tree `treeOid` with `changes` (paths relative to it) applied; undefined when it ends up empty. */
async function applyToTree(repo: ConfigRepo, treeOid: string | undefined, changes: TreeChange[]): Promise<string | undefined> {
  const entries = new Map((await readEntries(repo, treeOid)).map((e) => [e.path, e]));
  const nested = new Map<string, TreeChange[]>();
  for (const change of changes) {
    const slash = change.path.indexOf('/');
    if (slash === -1) {
      const existing = entries.get(change.path);
      if (change.text === null) {
        entries.delete(change.path);
      } else {
        const oid = await git.writeBlob({ fs: gitWriteFs, dir: repo.dir, blob: new TextEncoder().encode(change.text) });
        // An existing file keeps its mode (an executable stays executable); a folder of that name is replaced.
        const mode = existing?.type === 'blob' ? existing.mode : FILE_MODE;
        entries.set(change.path, { mode, path: change.path, oid, type: 'blob' });
      }
      continue;
    }
    const folder = change.path.slice(0, slash);
    const list = nested.get(folder) ?? [];
    list.push({ path: change.path.slice(slash + 1), text: change.text });
    nested.set(folder, list);
  }
  for (const [folder, folderChanges] of nested) {
    const existing = entries.get(folder);
    const subtree = await applyToTree(repo, existing?.type === 'tree' ? existing.oid : undefined, folderChanges);
    if (subtree) entries.set(folder, { mode: TREE_MODE, path: folder, oid: subtree, type: 'tree' });
    else entries.delete(folder);
  }
  if (entries.size === 0) return undefined;
  return git.writeTree({ fs: gitWriteFs, dir: repo.dir, tree: [...entries.values()] });
}

export interface BuildCommitInput {
  parent: string;
  changes: TreeChange[];
  message: string;
  author: { name: string; email: string };
  committer: { name: string; email: string };
}

/** Writes the objects of a commit on top of `parent` (nothing points at it yet) and returns its id. */
export async function buildCommit(repo: ConfigRepo, input: BuildCommitInput): Promise<string> {
  const { commit: parent } = await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: input.parent, cache: repo.cache });
  const tree = (await applyToTree(repo, parent.tree, input.changes)) ?? (await git.writeTree({ fs: gitWriteFs, dir: repo.dir, tree: [] }));
  const now = Math.floor(Date.now() / 1000);
  return git.writeCommit({
    fs: gitWriteFs,
    dir: repo.dir,
    commit: {
      message: input.message,
      tree,
      parent: [input.parent],
      author: { ...input.author, timestamp: now, timezoneOffset: 0 },
      committer: { ...input.committer, timestamp: now, timezoneOffset: 0 },
    },
  });
}
