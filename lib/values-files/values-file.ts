// Which values files of an app can be edited, and which environments each one affects.
import { z } from 'zod';
import type { App, Environment } from '@/lib/catalog/types';

export const valuesFileNameSchema = z.enum(['values.yaml', 'values-stage.yaml', 'values-production.yaml']);
export type ValuesFileName = z.infer<typeof valuesFileNameSchema>;

export interface ValuesFileTarget {
  name: ValuesFileName;
  path: string;
  /** values.yaml is read by every environment; values-<env>.yaml by that one only. */
  affects: Environment['name'][];
}

export function valuesFileTarget(app: App, name: ValuesFileName): ValuesFileTarget | null {
  if (name === 'values.yaml') return { name, path: app.files.shared, affects: [...app.environments] };
  const environment = name === 'values-stage.yaml' ? 'stage' : 'production';
  const path = app.files.byEnvironment[environment];
  return path ? { name, path, affects: [environment] } : null;
}

/** A change needs a second person when any environment it affects requires approval. */
export function needsApproval(target: ValuesFileTarget, environments: Environment[]): boolean {
  return target.affects.some((env) => environments.find((e) => e.name === env)?.requiresApproval ?? true);
}
