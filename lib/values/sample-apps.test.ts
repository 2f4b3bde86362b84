// Every sample app of the sandbox config repository validates, in every environment it deploys to,
// against the real chart schema — through the same pipeline the editor and the server use.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ValuesEnvironment } from './types';
import { validateValues } from './validate-values';

const REPO = path.resolve(__dirname, '../../sandbox/config-repo');
const read = (file: string) => readFileSync(path.join(REPO, file), 'utf8');

const schema = JSON.parse(read('chart/values.schema.json')) as object;
const environments = (parse(read('environments.yaml')) as { environments: ValuesEnvironment[] }).environments;
const cases = readdirSync(path.join(REPO, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const app = parse(read(`apps/${entry.name}/app.yaml`)) as { environments?: string[] };
    return (app.environments ?? environments.map((env) => env.name)).map((env) => [entry.name, env] as const);
  })
  .sort();

describe('sample apps', () => {
  it('has apps to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });

  it.each(cases)('%s validates in %s', (app, environment) => {
    const result = validateValues({
      schema,
      environment,
      environments,
      layers: [
        { file: 'chart/values.yaml', kind: 'chart', text: read('chart/values.yaml') },
        { file: `apps/${app}/values.yaml`, kind: 'app', text: read(`apps/${app}/values.yaml`) },
        { file: `apps/${app}/values-${environment}.yaml`, kind: 'environment', text: read(`apps/${app}/values-${environment}.yaml`) },
      ],
    });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
