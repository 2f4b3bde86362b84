import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { isAppName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Environment } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { RepositoryLockedError } from '@/lib/gitops/atomic-files';
import { commitChange, type FileConflict, UnknownRevisionError } from '@/lib/gitops/commit-change';
import { RepositoryDamagedError } from '@/lib/gitops/heal-clone';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import type { RemoteSync } from '@/lib/gitops/remote-sync';
import { getConfig } from '@/lib/config/get-config';
import type { ValuesProblem } from '@/lib/values';
import { evaluateValuesChange, MAX_VALUES_BYTES, type EnvironmentEvaluation, type ValuesChangeEvaluation } from './evaluate-values-change';
import { needsApproval, type ValuesFileName, valuesFileTarget, type ValuesFileTarget } from './values-file';

export interface SaveValuesInput {
  app: string;
  file: ValuesFileName;
  text: string;
  baseRevision: string;
  message: string;
}

export type SaveValuesResult =
  | { status: 'committed'; revision: string; environments: EnvironmentEvaluation[] }
  | { status: 'unchanged'; revision: string }
  | { status: 'invalid'; problems: ValuesProblem[] }
  | { status: 'too-large'; message: string }
  | { status: 'conflict'; headRevision: string; conflicts: FileConflict[] }
  | { status: 'forbidden'; message: string }
  | { status: 'not-found'; message: string }
  | { status: 'needs-approval'; message: string }
  | { status: 'bad-request'; message: string }
  | { status: 'unavailable'; message: string };

/** HTTP status for each outcome, for route handlers. */
export const saveStatusCode: Record<SaveValuesResult['status'], number> = {
  committed: 201,
  unchanged: 200,
  invalid: 422,
  'too-large': 413,
  conflict: 409,
  forbidden: 403,
  'not-found': 404,
  'needs-approval': 409,
  'bad-request': 400,
  unavailable: 503,
};

export interface ResolvedValuesTarget {
  app: App;
  target: ValuesFileTarget;
  environments: Environment[];
}

/** Find the app and file a request names, or say why not. Shared by saving and change requests. */
export async function resolveValuesTarget(
  appName: string,
  file: ValuesFileName,
  repo: ConfigRepo = getConfigRepo(),
): Promise<ResolvedValuesTarget | { status: 'not-found' | 'bad-request'; message: string }> {
  if (!isAppName(appName)) return { status: 'bad-request', message: 'That is not an app name.' };
  const catalog = await loadCatalog(repo);
  const app = catalog.apps.find((a) => a.name === appName);
  if (!app) return { status: 'not-found', message: `There is no app called ${appName}.` };
  const target = valuesFileTarget(app, file);
  if (!target) return { status: 'not-found', message: `${appName} has no ${file}: it does not run in that environment.` };
  return { app, target, environments: catalog.environments };
}

/** Why the config repository cannot take a write now, in words for the person saving (null: another error). */
export function repositoryUnwritable(error: unknown): string | null {
  if (error instanceof RepositoryDamagedError) return `${error.message}. Nothing was saved; the platform team has to repair it.`;
  if (error instanceof RepositoryLockedError) return `${error.message} Nothing was saved.`;
  return null;
}

export function configuredRemote(): RemoteSync | undefined {
  const url = getConfig().CONFIG_REPO_REMOTE;
  return url ? { url } : undefined;
}

/**
 * Save a values file for an environment that needs no approval (stage): the size limit, the
 * policy, validation of the merged values in every environment the file affects, then a commit
 * under the engineer's name that refuses to overwrite a newer version of the file.
 */
export interface SaveValuesDeps {
  repo?: ConfigRepo;
  db?: BerthDb;
}

export async function saveValues(user: BerthUser, input: SaveValuesInput, deps: SaveValuesDeps = {}): Promise<SaveValuesResult> {
  const repo = deps.repo ?? getConfigRepo();
  if (Buffer.byteLength(input.text, 'utf8') > MAX_VALUES_BYTES) {
    return { status: 'too-large', message: `A values file can be at most ${MAX_VALUES_BYTES / 1024} KiB.` };
  }
  const resolved = await resolveValuesTarget(input.app, input.file, repo);
  if ('status' in resolved) return resolved;
  const { app, target, environments } = resolved;

  if (needsApproval(target, environments)) {
    const decision = decide(user, 'values.requestChange', { app });
    if (!decision.allowed) return { status: 'forbidden', message: decision.reason };
    return { status: 'needs-approval', message: `${target.name} is read by production: this change needs a second person's approval.` };
  }
  for (const environment of target.affects) {
    const env = environments.find((e) => e.name === environment);
    const decision = decide(user, 'values.commit', { app, environment: { name: environment, requiresApproval: env?.requiresApproval ?? true } });
    if (!decision.allowed) return { status: 'forbidden', message: decision.reason };
  }

  let evaluation: ValuesChangeEvaluation | undefined;
  let result;
  try {
    result = await commitChange(repo, {
      files: [{ path: target.path, text: input.text }],
      baseRevision: input.baseRevision,
      author: { name: user.name, email: user.email },
      message: input.message.trim() || `Update ${target.path}`,
      remote: configuredRemote(),
      // Validated against the exact head it lands on, under the write lock.
      check: async (head) => {
        evaluation = await evaluateValuesChange(repo, app, target, input.text, head, environments);
        return evaluation.ok ? { ok: true } : { ok: false, details: evaluation.problems };
      },
    });
  } catch (error) {
    if (error instanceof UnknownRevisionError) return { status: 'bad-request', message: error.message };
    const unwritable = repositoryUnwritable(error);
    if (unwritable) return { status: 'unavailable', message: unwritable };
    throw error;
  }
  if (result.status === 'conflict') return result;
  if (result.status === 'refused') return { status: 'invalid', problems: result.details as ValuesProblem[] };
  if (result.status === 'unchanged' || !evaluation) return { status: 'unchanged', revision: result.revision };

  await recordAuditEvent(deps.db ?? (await getDb()), {
    actor: user.email,
    action: 'values.commit',
    target: `app:${app.name}`,
    details: {
      file: target.path,
      revision: result.revision,
      parent: result.parent,
      environments: target.affects,
      effects: evaluation.environments.flatMap((e) => e.effects.map((effect) => `${e.environment}: ${effect.summary}`)),
    },
  });
  return { status: 'committed', revision: result.revision, environments: evaluation.environments };
}
