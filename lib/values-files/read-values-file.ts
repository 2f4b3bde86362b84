import 'server-only';
import type { BerthUser } from '@/lib/auth/user';
import { viewApp } from '@/lib/catalog/view-app';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { fail, ok, type Result } from '@/lib/result/result';
import { configuredRemote } from './save-values';
import { type ValuesFileName, valuesFileTarget } from './values-file';

export interface ValuesFileText {
  app: string;
  file: string;
  /** The head the text was read at: the base revision of a save that follows. */
  revision: string;
  text: string;
}

/** A values file as it is now at the branch head (fetched from the remote first when there is one). */
export async function readValuesFile(user: BerthUser, appName: string, file: ValuesFileName, deps: { repo?: ConfigRepo } = {}): Promise<Result<ValuesFileText, never>> {
  const repo = deps.repo ?? getConfigRepo();
  const found = await viewApp(user, appName, { repo });
  if (!found.ok) return found;
  const target = valuesFileTarget(found.data.app, file);
  if (!target) return fail('not-found', `${appName} has no ${file}: it does not run in that environment.`);
  await refreshFromRemote(repo, configuredRemote());
  const revision = await headRevision(repo);
  return ok({ app: appName, file: target.path, revision, text: (await readFile(repo, target.path, revision)) ?? '' });
}
