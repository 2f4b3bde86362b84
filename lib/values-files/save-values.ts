import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { isAppName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App, Environment } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { commitChange, type FileConflict } from '@/lib/gitops/commit-change';
import { commitRefusal } from '@/lib/gitops/commit-refusal';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import type { RemoteSync } from '@/lib/gitops/remote-sync';
import { getConfig } from '@/lib/config/get-config';
import { fail, ok, type Result } from '@/lib/result/result';
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

export type SaveValuesOutcome =
  | { status: 'committed'; revision: string; environments: EnvironmentEvaluation[] }
  | { status: 'unchanged'; revision: string };

/** What a refused save carries for the editor: problems at their lines, or the newer file. */
export interface SaveValuesDetails {
  problems?: ValuesProblem[];
  headRevision?: string;
  conflicts?: FileConflict[];
}

export type SaveValuesResult = Result<SaveValuesOutcome, SaveValuesDetails>;

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
): Promise<Result<ResolvedValuesTarget, never>> {
  if (!isAppName(appName)) return fail('invalid', 'That is not an app name.');
  const catalog = await loadCatalog(repo);
  const app = catalog.apps.find((a) => a.name === appName);
  if (!app) return fail('not-found', `There is no app called ${appName}.`);
  const target = valuesFileTarget(app, file);
  if (!target) return fail('not-found', `${appName} has no ${file}: it does not run in that environment.`);
  return ok({ app, target, environments: catalog.environments });
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
    return fail('too-large', `A values file can be at most ${MAX_VALUES_BYTES / 1024} KiB.`);
  }
  const resolved = await resolveValuesTarget(input.app, input.file, repo);
  if (!resolved.ok) return resolved;
  const { app, target, environments } = resolved.data;

  if (needsApproval(target, environments)) {
    const decision = decide(user, 'values.requestChange', { app });
    if (!decision.allowed) return fail('forbidden', decision.reason);
    return fail('forbidden', `${target.name} is read by production: this change needs a second person's approval. Open a change request.`);
  }
  for (const environment of target.affects) {
    const env = environments.find((e) => e.name === environment);
    const decision = decide(user, 'values.commit', { app, environment: { name: environment, requiresApproval: env?.requiresApproval ?? true } });
    if (!decision.allowed) return fail('forbidden', decision.reason);
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
    const refusal = commitRefusal(error);
    if (refusal) return refusal;
    throw error;
  }
  if (result.status === 'conflict') {
    return fail('conflict', 'Someone changed this file since you opened it: nothing was saved.', {
      details: { headRevision: result.headRevision, conflicts: result.conflicts },
    });
  }
  if (result.status === 'refused') return fail('invalid', 'The values have problems; nothing was saved.', { details: { problems: result.details as ValuesProblem[] } });
  if (result.status === 'unchanged' || !evaluation) return ok({ status: 'unchanged', revision: result.revision });

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
  return ok({ status: 'committed', revision: result.revision, environments: evaluation.environments });
}
