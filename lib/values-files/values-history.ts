import 'server-only';
import { structuredPatch } from 'diff';
import type { App } from '@/lib/catalog/types';
import { type CommitApproval, withApprovals } from '@/lib/changes/commit-approvals';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { type CommitSummary, history } from '@/lib/gitops/history';
import { readFile } from '@/lib/gitops/read-repo';

export interface FileDiff {
  path: string;
  /** Unified diff hunks, lines prefixed with '+', '-' or ' '. */
  hunks: { header: string; lines: string[] }[];
}

export interface ValuesHistoryEntry extends CommitSummary {
  diffs: FileDiff[];
  /** The approval Berth recorded for this commit (a merged change request), if any. */
  approval?: CommitApproval;
}

/** The commits that touched an app's values files, newest first, each with its diff and approval. */
export async function valuesHistory(
  input: { app: App; limit?: number },
  deps: { repo?: ConfigRepo; db?: BerthDb } = {},
): Promise<ValuesHistoryEntry[]> {
  const { app, limit = 30 } = input;
  const repo = deps.repo ?? getConfigRepo();
  const paths = [app.files.shared, ...Object.values(app.files.byEnvironment)];
  const commits = await withApprovals(deps.db ?? (await getDb()), await history(repo, { paths, limit }));
  return Promise.all(
    commits.map(async (commit) => ({
      ...commit,
      diffs: await Promise.all(
        commit.files.map(async (path) => {
          const parent = commit.parents[0];
          const [before, after] = await Promise.all([parent ? readFile(repo, path, parent) : null, readFile(repo, path, commit.revision)]);
          const patch = structuredPatch(path, path, before ?? '', after ?? '', '', '', { context: 2 });
          return {
            path,
            hunks: patch.hunks.map((h) => ({ header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, lines: h.lines })),
          };
        }),
      ),
    })),
  );
}
