// The catalog's environments as the translator fills them into commands. Isomorphic.
import type { Catalog } from '@/lib/catalog/types';
import type { TranslatorEnvironment } from './app-shape';

export function translatorEnvironments(catalog: Pick<Catalog, 'environments'>): TranslatorEnvironment[] {
  return catalog.environments.map((env) => ({
    name: env.name,
    context: env.kubeContext,
    project: env.project,
    cluster: env.cluster,
    region: env.region,
    aptible: env.aptible,
    requiresApproval: env.requiresApproval,
    logsHoldPhi: env.logsHoldPhi,
  }));
}
