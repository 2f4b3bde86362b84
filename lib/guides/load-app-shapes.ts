import 'server-only';

import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { mergeLayers, parseLayers } from '@/lib/values';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { describeAppEnvironment, type AppShape, type TranslatorEnvironment } from './app-shape';
import { translatorEnvironments } from './translator-environments';

export type TranslatorCatalog = { environments: TranslatorEnvironment[]; apps: AppShape[] };

/**
 * Every app's shape in every environment, from the config repository at its head: the same merged
 * values CI deploys. An app whose values do not parse gets an empty shape and says why.
 */
export async function loadAppShapes(): Promise<TranslatorCatalog> {
  const catalog = await loadCatalog();
  const repo = getConfigRepo();
  const apps = await Promise.all(
    catalog.apps.map(async (app): Promise<AppShape> => {
      const environments: AppShape['environments'] = {};
      await Promise.all(
        app.environments.map(async (environment) => {
          try {
            const context = await loadValuesContext(repo, app, environment, catalog.revision);
            const { parsed, problems } = parseLayers(context.layers);
            const broken = problems.find((p) => p.severity === 'error');
            environments[environment] = broken
              ? { ...describeAppEnvironment({}), problem: `${broken.file}: ${broken.message}` }
              : describeAppEnvironment(mergeLayers(parsed));
          } catch (error) {
            environments[environment] = { ...describeAppEnvironment({}), problem: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      return {
        name: app.name,
        namespace: app.namespace,
        team: app.team,
        database: app.database ?? null,
        aptibleApp: app.aptible?.app ?? null,
        environments,
      };
    }),
  );
  return { environments: translatorEnvironments(catalog), apps: apps.sort((a, b) => a.name.localeCompare(b.name)) };
}
