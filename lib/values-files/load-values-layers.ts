import 'server-only';
import type { App, Environment } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { readFile } from '@/lib/gitops/read-repo';
import type { ValuesLayer } from '@/lib/values';

export const CHART_VALUES = 'chart/values.yaml';
export const CHART_SCHEMA = 'chart/values.schema.json';

export interface ValuesContext {
  revision: string;
  /** The chart's values.schema.json, parsed (one object per revision, so Ajv compiles it once). */
  schema: object;
  /** Helm's precedence order: chart defaults, the app's values.yaml, the environment file. */
  layers: ValuesLayer[];
}

const schemas = new Map<string, object>();

async function loadSchema(repo: ConfigRepo, revision: string): Promise<object> {
  const text = await readFile(repo, CHART_SCHEMA, revision);
  if (text === null) throw new Error(`${CHART_SCHEMA} is missing from the config repository.`);
  let schema = schemas.get(text);
  if (!schema) {
    schema = JSON.parse(text) as object;
    if (schemas.size > 20) schemas.clear();
    schemas.set(text, schema);
  }
  return schema;
}

/** Everything needed to validate and explain one environment of one app, read at one revision. */
export async function loadValuesContext(repo: ConfigRepo, app: App, environment: Environment['name'], revision: string): Promise<ValuesContext> {
  const envFile = app.files.byEnvironment[environment];
  if (!envFile) throw new Error(`${app.name} does not run in ${environment}.`);
  const [schema, chart, shared, env] = await Promise.all([
    loadSchema(repo, revision),
    readFile(repo, CHART_VALUES, revision),
    readFile(repo, app.files.shared, revision),
    readFile(repo, envFile, revision),
  ]);
  return {
    revision,
    schema,
    layers: [
      { file: CHART_VALUES, kind: 'chart', text: chart ?? '' },
      { file: app.files.shared, kind: 'app', text: shared ?? '' },
      { file: envFile, kind: 'environment', text: env ?? '' },
    ],
  };
}

/** The same layers with one file's text replaced by a proposed edit. */
export function withProposedText(layers: ValuesLayer[], file: string, text: string): ValuesLayer[] {
  return layers.map((layer) => (layer.file === file ? { ...layer, text } : layer));
}
