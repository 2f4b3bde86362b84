import 'server-only';
import { decide, type Decision } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Environment, EnvironmentName } from '@/lib/catalog/types';
import { getChangeRequest } from '@/lib/changes/get-change-request';
import type { BerthDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { loadValuesContext, type ValuesContext } from './load-values-layers';
import { configuredRemote } from './save-values';
import { needsApproval, type ValuesFileName, type ValuesFileTarget, valuesFileTarget } from './values-file';

export interface ValuesEditorView {
  app: App;
  target: ValuesFileTarget;
  /** The file is read by production: saving opens a change request instead of committing. */
  approval: boolean;
  /** May this person save (or request) it, and if not, why. */
  permission: Decision;
  context: ValuesContext;
  environments: Environment[];
  /** Re-basing one's own open or stale change request: its proposal, on top of the current head. */
  change?: { id: number; proposedText: string };
  /** The app's other environments' layers, for "production sets FHIR_BASE_URL; stage does not". */
  otherEnvironments: { name: EnvironmentName; layers: ValuesContext['layers'] }[];
}

/** What the values editor opens with; null when the app, environment or file does not exist. */
export async function openValuesEditor(
  user: BerthUser,
  input: { app: string; environment: EnvironmentName; file: ValuesFileName; change?: number },
  deps: { repo?: ConfigRepo; db?: BerthDb } = {},
): Promise<ValuesEditorView | null> {
  const repo = deps.repo ?? getConfigRepo();
  // Another replica may have committed: edit from the remote's latest version.
  await refreshFromRemote(repo, configuredRemote());
  const catalog = await loadCatalog(repo);
  const app = catalog.apps.find((a) => a.name === input.app);
  if (!app || !app.environments.includes(input.environment)) return null;
  const target = valuesFileTarget(app, input.file);
  if (!target) return null;
  const approval = needsApproval(target, catalog.environments);
  const envInfo = catalog.environments.find((e) => e.name === input.environment);
  const permission = approval
    ? decide(user, 'values.requestChange', { app })
    : decide(user, 'values.commit', { app, environment: { name: input.environment, requiresApproval: envInfo?.requiresApproval ?? true } });
  const context = await loadValuesContext(repo, app, input.environment, catalog.revision);
  const otherEnvironments = await Promise.all(
    app.environments
      .filter((name) => name !== input.environment)
      .map(async (name) => ({ name, layers: (await loadValuesContext(repo, app, name, catalog.revision)).layers })),
  );
  const found = input.change ? await getChangeRequest(user, input.change, { ...deps, repo, catalog }) : null;
  const existing = found?.ok ? found.data.change : null;
  const change =
    existing && existing.author.email === user.email && existing.filePath === target.path && (existing.status === 'open' || existing.status === 'stale')
      ? { id: existing.id, proposedText: existing.proposedText }
      : undefined;
  return { app, target, approval, permission, context, environments: catalog.environments, change, otherEnvironments };
}
