import 'server-only';
import { applyPatch, structuredPatch } from 'diff';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { history } from '@/lib/gitops/history';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { fail, ok, type Result } from '@/lib/result/result';
import { saveValues, type SaveValuesDeps, type SaveValuesResult } from './save-values';
import type { ValuesFileName } from './values-file';

export interface RevertPlan {
  file: ValuesFileName;
  path: string;
  baseRevision: string;
  text: string;
  message: string;
}

/**
 * Work out the text that undoes one commit's change to an app's values file, applied to the
 * file as it is now (later changes to other lines are kept), or why it cannot be done.
 */
export async function planRevert(repo: ConfigRepo, appName: string, revision: string): Promise<Result<RevertPlan, never>> {
  const catalog = await loadCatalog(repo);
  const app = catalog.apps.find((a) => a.name === appName);
  if (!app) return fail('not-found', `There is no app called ${appName}.`);
  const files: { name: ValuesFileName; path: string }[] = [
    { name: 'values.yaml', path: app.files.shared },
    ...Object.entries(app.files.byEnvironment).map(([env, path]) => ({ name: `values-${env}.yaml` as ValuesFileName, path: path ?? '' })),
  ];
  const [commit] = await history(repo, { from: revision, limit: 1, paths: files.map((f) => f.path) }).catch(() => []);
  if (!commit || commit.revision !== revision) return fail('invalid', 'That commit did not change this app’s values.');
  if (commit.files.length !== 1) return fail('invalid', 'That commit changed several files; revert them one by one in the editor.');
  const file = files.find((f) => f.path === commit.files[0]);
  if (!file) return fail('invalid', 'That commit did not change this app’s values.');
  const head = await headRevision(repo);
  const [before, after, now] = await Promise.all([
    commit.parents[0] ? readFile(repo, file.path, commit.parents[0]) : null,
    readFile(repo, file.path, revision),
    readFile(repo, file.path, head),
  ]);
  const undo = structuredPatch(file.path, file.path, after ?? '', before ?? '');
  const text = applyPatch(now ?? '', undo);
  if (text === false) return fail('conflict', 'Later changes touch the same lines; edit the file by hand instead.');
  return ok({
    file: file.name,
    path: file.path,
    baseRevision: head,
    text,
    message: `Revert "${commit.subject}"\n\nThis reverts commit ${revision}.`,
  });
}

/** Revert through the same path as any save: validation, policy, commit under the user's name. */
export async function revertValuesChange(
  user: BerthUser,
  input: { app: string; revision: string },
  deps: SaveValuesDeps = {},
): Promise<SaveValuesResult> {
  const repo = deps.repo ?? getConfigRepo();
  const plan = await planRevert(repo, input.app, input.revision);
  if (!plan.ok) return plan;
  const { file, text, baseRevision, message } = plan.data;
  return saveValues(user, { app: input.app, file, text, baseRevision, message }, deps);
}
