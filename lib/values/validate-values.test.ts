import { describe, expect, it } from 'vitest';
import { appValues, environments, fixtureSchema, sampleLayers } from './test-fixtures';
import { getSchemaValidator } from './schema-validator';
import type { ValuesProblem } from './types';
import { validateValues } from './validate-values';

const APP = 'apps/intake/values.yaml';
const STAGE = 'apps/intake/values-stage.yaml';

function validate(overrides: Parameters<typeof sampleLayers>[0] = {}) {
  return validateValues({ schema: fixtureSchema, layers: sampleLayers(overrides), environment: 'stage', environments });
}

function errors(problems: ValuesProblem[]) {
  return problems.filter((p) => p.severity === 'error');
}

describe('validateValues', () => {
  it('accepts the sample app', () => {
    const result = validate();
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.merged).toMatchObject({ deployments: { web: { replicas: 3 } }, env: { FEATURE_X: 'true' } });
  });

  it.each([
    [
      'a type error set in the environment file is reported there, at its line',
      { stage: 'deployments:\n  web:\n    replicas: "3"\n' },
      { file: STAGE, line: 3, column: 15, path: 'deployments.web.replicas', message: 'deployments.web.replicas must be a whole number (got "3")' },
    ],
    [
      'an unknown key is reported at the key, with a suggestion',
      { stage: 'deployments:\n  web:\n    replica: 2\n' },
      { file: STAGE, line: 3, column: 5, path: 'deployments.web.replica', message: 'unknown key `replica` under deployments.web — did you mean `replicas`?' },
    ],
    [
      'an unknown top-level key',
      { stage: 'imagee:\n  tag: x\n' },
      { file: STAGE, line: 1, column: 1, path: 'imagee', message: 'unknown key `imagee` at the top level — did you mean `image`?' },
    ],
    [
      'a missing required key is reported at the parent map',
      { stage: 'deployments:\n  cron:\n    replicas: 1\n' },
      { file: STAGE, line: 2, column: 3, path: 'deployments.cron.command', message: 'missing required key `command` under deployments.cron' },
    ],
    [
      'a required key deleted with null is reported at the null',
      { stage: 'image:\n  tag: null\n' },
      { file: STAGE, line: 2, column: 3, path: 'image.tag' },
    ],
    [
      'the same path set in app and env: the env file wins',
      { app: appValues.replace('replicas: 2\n    port', 'replicas: two\n    port'), stage: 'deployments:\n  web:\n    replicas: "3"\n' },
      { file: STAGE, line: 3, path: 'deployments.web.replicas', message: 'deployments.web.replicas must be a whole number (got "3")' },
    ],
    [
      'a value only the app file sets is reported in the app file',
      { app: appValues.replace('port: 8080', 'port: 80800') },
      { file: APP, line: 12, column: 11, path: 'deployments.web.port', message: 'deployments.web.port must be at most 65535 (got 80800)' },
    ],
    [
      'a list item is reported at the item',
      { stage: 'virtualService:\n  hosts:\n    - intake.stage.meridian.care\n    - "not a host"\n' },
      { file: STAGE, line: 4, column: 7, path: 'virtualService.hosts[1]' },
    ],
    [
      'an unquoted YAML 1.1 boolean where text is wanted says how to fix it',
      { stage: 'env:\n  FEATURE_Y: on\n' },
      { file: STAGE, line: 2, path: 'env.FEATURE_Y', message: 'env.FEATURE_Y must be text (got true) — YAML reads the bare `on` as true; write "on" in quotes' },
    ],
    [
      'an enum typo is suggested',
      { stage: 'image:\n  pullPolicy: Allways\n' },
      { file: STAGE, line: 2, message: 'image.pullPolicy must be one of `Always`, `IfNotPresent`, `Never` (got "Allways") — did you mean `Always`?' },
    ],
    [
      'a null on a value only the app file set is kept by Helm and explained',
      { stage: 'deployments:\n  web:\n    port: null\n' },
      { file: STAGE, line: 3, column: 11, path: 'deployments.web.port', message: expect.stringMatching(/got null\) — `null` only deletes keys the chart's defaults set/) },
    ],
  ])('%s', (_name, overrides, expected) => {
    const result = validate(overrides);
    expect(result.ok).toBe(false);
    expect(errors(result.problems)).toEqual([expect.objectContaining({ severity: 'error', code: 'schema', ...expected })]);
  });

  it.each([
    ['Web_Worker', 'unknown key `Web_Worker` under deployments — did you mean `web-worker`?'],
    ['9lives', 'unknown key `9lives` under deployments (names here must match `^[a-z][-a-z0-9]*$`)'],
  ])('explains a map key refused by patternProperties: %s', (name, message) => {
    const schema = { type: 'object', properties: { deployments: { type: 'object', additionalProperties: false, patternProperties: { '^[a-z][-a-z0-9]*$': { type: 'object' } } } } };
    const result = validateValues({
      schema,
      layers: [{ file: APP, kind: 'app', text: `deployments:\n  web: {}\n  ${name}: {}\n` }],
      environment: 'stage',
    });
    expect(result.problems).toEqual([expect.objectContaining({ file: APP, line: 3, column: 3, message })]);
  });

  it('reports a missing top-level key at line 1 of the app file', () => {
    const result = validateValues({
      schema: { type: 'object', required: ['team'] },
      layers: sampleLayers(),
      environment: 'stage',
    });
    expect(result.problems).toEqual([expect.objectContaining({ file: APP, line: 1, column: 1, path: 'team', message: 'missing required key `team` at the top level' })]);
  });

  it('gives character offsets that select the offending text', () => {
    const stage = 'deployments:\n  web:\n    replicas: "3"\n';
    const [problem] = errors(validate({ stage }).problems);
    expect(stage.slice(problem.from, problem.to)).toBe('"3"');
  });

  it('says a oneOf/anyOf mismatch once, in plain words', () => {
    const result = validate({ stage: 'secretEnv:\n  DB_PASSWORD: 3\n  API_KEY: {secret: api-key, extra: 1}\n' });
    expect(errors(result.problems).map((p) => [p.path, p.message])).toEqual([
      ['secretEnv.DB_PASSWORD', 'secretEnv.DB_PASSWORD must be text or a map of keys (got 3)'],
      ['secretEnv.API_KEY.extra', 'unknown key `extra` under secretEnv.API_KEY'],
    ]);
  });

  it('reports parse problems first and does not merge', () => {
    const result = validate({ stage: 'env:\n\tA: x\n' });
    expect(result).toMatchObject({ ok: false, merged: null });
    expect(result.problems[0]).toMatchObject({ file: STAGE, line: 2, code: 'tab-indent' });
  });

  it('turns a broken schema into a problem instead of throwing', () => {
    const result = validateValues({
      schema: { type: 'object', properties: { a: { type: 'nonsense' } } },
      layers: sampleLayers(),
      environment: 'stage',
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ code: 'schema-invalid', file: 'chart/values.schema.json' }));
  });

  it('compiles a schema object once', () => {
    const schema = structuredClone(fixtureSchema);
    const first = getSchemaValidator(schema);
    validateValues({ schema, layers: sampleLayers(), environment: 'stage' });
    expect(getSchemaValidator(schema)).toBe(first);
    expect(getSchemaValidator(structuredClone(fixtureSchema))).not.toBe(first);
  });

  it('includes smart-default warnings without failing', () => {
    const result = validate({ stage: 'podDisruptionBudget:\n  enabled: true\n  minAvailable: 3\n' });
    expect(result.ok).toBe(true);
    expect(result.problems).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'pdb-blocks-drains', file: STAGE, line: 3 }));
  });
});
