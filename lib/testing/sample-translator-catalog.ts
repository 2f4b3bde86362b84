// The translator's catalog (environments and app shapes) built straight from the sample config
// repository's files, the way lib/guides/load-app-shapes.ts builds it from git: for tests that need
// every sample app's real deployments, namespaces, images and databases.
import fs from 'node:fs';
import path from 'node:path';
import { parseCatalog } from '@/lib/catalog/parse-catalog';
import { describeAppEnvironment, type AppShape } from '@/lib/guides/app-shape';
import type { TranslatorCatalog } from '@/lib/guides/load-app-shapes';
import { translatorEnvironments } from '@/lib/guides/translator-environments';
import { mergeLayers, parseLayers } from '@/lib/values';

const ROOT = path.join(process.cwd(), 'sandbox', 'config-repo');

function read(file: string): string | null {
  const full = path.join(ROOT, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : null;
}

export function sampleTranslatorCatalog(): TranslatorCatalog {
  const folders = fs.readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const catalog = parseCatalog({
    revision: 'sample',
    teams: read('teams.yaml'),
    environments: read('environments.yaml'),
    apps: Object.fromEntries(folders.map((name) => [name, read(`apps/${name}/app.yaml`)])),
  });
  const apps: AppShape[] = catalog.apps.map((app) => ({
    name: app.name,
    namespace: app.namespace,
    team: app.team,
    database: app.database ?? null,
    aptibleApp: app.aptible?.app ?? null,
    environments: Object.fromEntries(
      app.environments.map((env) => {
        const { parsed } = parseLayers([
          { file: 'chart/values.yaml', kind: 'chart', text: read('chart/values.yaml') ?? '' },
          { file: app.files.shared, kind: 'app', text: read(app.files.shared) ?? '' },
          { file: `apps/${app.name}/values-${env}.yaml`, kind: 'environment', text: read(`apps/${app.name}/values-${env}.yaml`) ?? '' },
        ]);
        return [env, describeAppEnvironment(mergeLayers(parsed))];
      }),
    ),
  }));
  return { environments: translatorEnvironments(catalog), apps };
}
