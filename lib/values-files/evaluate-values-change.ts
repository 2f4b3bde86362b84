import 'server-only';
import type { App, Environment } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { DEFAULT_MAX_BYTES, explainChange, restartedDeployments, validateValues, type RestartedDeployment, type ValuesEffect, type ValuesProblem } from '@/lib/values';
import { loadValuesContext, withProposedText } from './load-values-layers';
import type { ValuesFileTarget } from './values-file';

export interface EnvironmentEvaluation {
  environment: Environment['name'];
  ok: boolean;
  problems: ValuesProblem[];
  effects: ValuesEffect[];
  /** The deployments the commit restarts there, with their pods after it (every one: restart-scope.ts). Absent on requests stored before it was recorded. */
  restarts?: RestartedDeployment[];
}

export interface ValuesChangeEvaluation {
  ok: boolean;
  /** Errors and warnings across every affected environment, each once. */
  problems: ValuesProblem[];
  environments: EnvironmentEvaluation[];
  /** The file's text at the revision evaluated against (null: the file does not exist yet). */
  currentText: string | null;
}

export const MAX_VALUES_BYTES = DEFAULT_MAX_BYTES;

/**
 * Validate a proposed values file in every environment it affects — on the merged values, the
 * way Helm will — and say in plain words what it changes there. Evaluated against `revision`
 * (the head the change would land on).
 */
export async function evaluateValuesChange(
  repo: ConfigRepo,
  app: App,
  target: ValuesFileTarget,
  text: string,
  revision: string,
  environments: Environment[],
): Promise<ValuesChangeEvaluation> {
  const perEnvironment = await Promise.all(
    target.affects.map(async (environment): Promise<EnvironmentEvaluation & { currentText: string | null }> => {
      const context = await loadValuesContext(repo, app, environment, revision);
      const projects = environments.map((e) => ({ name: e.name, project: e.project }));
      const before = validateValues({ schema: context.schema, layers: context.layers, environment, environments: projects });
      const after = validateValues({
        schema: context.schema,
        layers: withProposedText(context.layers, target.path, text),
        environment,
        environments: projects,
      });
      const effects = before.merged && after.merged ? explainChange({ before: before.merged, after: after.merged, environment }) : [];
      const currentText = context.layers.find((l) => l.file === target.path)?.text ?? null;
      const restarts = after.merged ? restartedDeployments(after.merged) : [];
      return { environment, ok: after.ok, problems: after.problems, effects, restarts, currentText };
    }),
  );
  const seen = new Set<string>();
  const problems = perEnvironment
    .flatMap((e) => e.problems)
    .filter((p) => {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    ok: perEnvironment.every((e) => e.ok),
    problems,
    environments: perEnvironment.map(({ currentText: _unused, ...rest }) => rest),
    currentText: perEnvironment[0]?.currentText ?? null,
  };
}
