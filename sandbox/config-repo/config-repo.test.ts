import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { parseMigrationFile } from '@/lib/migration/migration-file';
import { mergeValues } from '@/lib/values/merge';

const ROOT = path.join(__dirname);
const ENVIRONMENTS = ['stage', 'production'] as const;

type JsonSchemaNode = { [key: string]: unknown };

function readYaml(relativePath: string): unknown {
  const text = readFileSync(path.join(ROOT, relativePath), 'utf8');
  return parse(text, { version: '1.1', uniqueKeys: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const schema = JSON.parse(readFileSync(path.join(ROOT, 'chart/values.schema.json'), 'utf8')) as JsonSchemaNode;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const chartDefaults = readYaml('chart/values.yaml');
const apps = readdirSync(path.join(ROOT, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function mergedValues(app: string, env: string): Record<string, unknown> {
  return mergeValues(
    chartDefaults,
    readYaml(`apps/${app}/values.yaml`),
    readYaml(`apps/${app}/values-${env}.yaml`),
  );
}

function errorsOf(values: unknown): string[] {
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Every schema a property name leads to (properties, patternProperties, map values), with its path. */
function declaredSchemas(node: unknown, at: string, out: Array<[string, JsonSchemaNode]>): void {
  if (!isRecord(node)) return;
  for (const keyword of ['properties', 'patternProperties']) {
    const children = node[keyword];
    if (isRecord(children)) {
      for (const [name, child] of Object.entries(children)) {
        if (isRecord(child)) out.push([`${at}/${keyword}/${name}`, child]);
        declaredSchemas(child, `${at}/${keyword}/${name}`, out);
      }
    }
  }
  if (isRecord(node.additionalProperties)) {
    out.push([`${at}/additionalProperties`, node.additionalProperties]);
    declaredSchemas(node.additionalProperties, `${at}/additionalProperties`, out);
  }
  // `if` and `not` only state conditions; everything else declares what a key means.
  for (const keyword of ['items', 'then', 'else']) declaredSchemas(node[keyword], `${at}/${keyword}`, out);
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = node[keyword];
    if (Array.isArray(branches)) branches.forEach((b, i) => declaredSchemas(b, `${at}/${keyword}/${i}`, out));
  }
  if (isRecord(node.definitions)) {
    for (const [name, child] of Object.entries(node.definitions)) declaredSchemas(child, `${at}/definitions/${name}`, out);
  }
}

describe('sample config repository', () => {
  it('has the eight sample apps', () => {
    expect(apps).toEqual([
      'berth',
      'billing-sync',
      'care-admin',
      'intake-forms',
      'notifications',
      'patient-portal',
      'provider-api',
      'scheduler',
    ]);
  });

  it('gives every app its shared values and both environment files', () => {
    for (const app of apps) {
      for (const file of ['app.yaml', 'values.yaml', 'values-stage.yaml', 'values-production.yaml']) {
        expect(existsSync(path.join(ROOT, 'apps', app, file)), `${app}/${file}`).toBe(true);
      }
    }
  });

  it('lists the two environments, production behind approval', () => {
    const doc = readYaml('environments.yaml');
    expect(isRecord(doc) && Array.isArray(doc.environments)).toBe(true);
    const envs = (doc as { environments: Array<Record<string, unknown>> }).environments;
    expect(envs.map((e) => [e.name, e.project, e.cluster, e.requiresApproval])).toEqual([
      ['stage', 'meridian-stage', 'gke-stage', false],
      ['production', 'meridian-prod', 'gke-production', true],
    ]);
  });

  it('names an existing team, a namespace and known environments in every app.yaml', () => {
    const teams = readYaml('teams.yaml') as { teams: Array<{ id: string; members: Array<{ email: string; role: string }> }> };
    const teamIds = new Set(teams.teams.map((t) => t.id));
    expect(teamIds).toEqual(new Set(['platform', 'patient-experience', 'clinical', 'care-ops']));
    for (const member of teams.teams.flatMap((t) => t.members)) {
      expect(member.email).toMatch(/^[a-z]+\.[a-z]+@meridiancare\.example$/);
      expect(['platform', 'engineer', 'viewer']).toContain(member.role);
    }
    for (const app of apps) {
      const meta = readYaml(`apps/${app}/app.yaml`) as Record<string, unknown>;
      expect(meta.name, app).toBe(app);
      expect(teamIds.has(String(meta.team)), `${app} team ${String(meta.team)}`).toBe(true);
      expect(typeof meta.description === 'string' && meta.description.length > 20, `${app} description`).toBe(true);
      expect(meta.namespace, app).toBe(app);
      expect(['patient-facing', 'provider-facing', 'internal']).toContain(meta.tier);
      expect(meta.environments, app).toEqual([...ENVIRONMENTS]);
    }
  });

  it('names the kube context and the Aptible environment of each environment', () => {
    const file = readYaml('environments.yaml') as { environments: Array<Record<string, unknown>> };
    expect(file.environments.map((e) => [e.name, e.kubeContext, e.aptible])).toEqual([
      ['stage', 'stage', ['meridian-stage']],
      ['production', 'production', ['meridian-production']],
    ]);
  });

  it('gives every app that reads DATABASE_URL its own Cloud SQL instance, and no other app one', () => {
    const instances = new Set<string>();
    for (const app of apps) {
      const meta = readYaml(`apps/${app}/app.yaml`) as { database?: { instance: string; name: string } };
      const readsDatabase = ENVIRONMENTS.some((env) => 'DATABASE_URL' in ((mergedValues(app, env).secretEnv as Record<string, unknown>) ?? {}));
      expect(meta.database !== undefined, `${app}: database in app.yaml`).toBe(readsDatabase);
      if (!meta.database) continue;
      expect(instances.has(meta.database.instance), meta.database.instance).toBe(false);
      instances.add(meta.database.instance);
    }
    expect(instances.size).toBe(7);
  });

  describe.each(apps)('%s', (app) => {
    it.each(ENVIRONMENTS)('validates its merged values in %s', (env) => {
      const values = mergedValues(app, env);
      expect(errorsOf(values)).toEqual([]);
      const image = values.image as { repository: string; tag: string };
      expect(image.repository).toBe(`us-central1-docker.pkg.dev/meridian-shared/apps/${app}`);
      expect(typeof image.tag).toBe('string');
    });

    it.each(ENVIRONMENTS)('uses a Workload Identity account of its own project in %s', (env) => {
      const account = (mergedValues(app, env).serviceAccount as { gcpServiceAccount?: string }).gcpServiceAccount;
      if (account === undefined) return;
      expect(account.endsWith(env === 'stage' ? '@meridian-stage.iam.gserviceaccount.com' : '@meridian-prod.iam.gserviceaccount.com')).toBe(true);
    });
  });

  it('leaves intake-forms without FHIR_BASE_URL in stage only (the crash-loop demo)', () => {
    expect((mergedValues('intake-forms', 'stage').env as Record<string, string>).FHIR_BASE_URL).toBeUndefined();
    expect((mergedValues('intake-forms', 'production').env as Record<string, string>).FHIR_BASE_URL).toMatch(/^https:\/\//);
  });

  it('tells each app\'s move from Aptible: most at 100 % GKE, provider-api mid-cutover at 25 %, intake-forms still on Aptible', () => {
    const states: Record<string, string> = {};
    for (const app of apps) {
      const file = path.join(ROOT, 'apps', app, 'migration.yaml');
      if (!existsSync(file)) continue;
      const parsed = parseMigrationFile(readFileSync(file, 'utf8'));
      expect(parsed.ok ? [] : parsed.problems, `apps/${app}/migration.yaml`).toEqual([]);
      if (parsed.ok) states[app] = parsed.migration.state === 'cutover' ? `cutover ${parsed.migration.gkeShare}` : parsed.migration.state;
    }
    expect(states).toEqual({
      'billing-sync': 'gke-100',
      'care-admin': 'gke-100',
      'intake-forms': 'aptible-only',
      notifications: 'aptible-deprovisioned',
      'patient-portal': 'gke-100',
      'provider-api': 'cutover 25',
      scheduler: 'gke-100',
    });
  });

  it('fixes replicas on provider-api in production while autoscaling is on (the HPA warning demo)', () => {
    const values = mergedValues('provider-api', 'production');
    expect((values.autoscaling as { enabled: boolean }).enabled).toBe(true);
    expect((values.deployments as { api: { replicas?: number } }).api.replicas).toBeTypeOf('number');
  });

  it('keeps the chart defaults valid apart from what each app must provide', () => {
    const errors = validate(chartDefaults) ? [] : (validate.errors ?? []);
    const allowed = errors.every(
      (e) =>
        (e.keyword === 'required' && e.instancePath === '/image' && ['repository', 'tag'].includes(String(e.params.missingProperty))) ||
        (e.keyword === 'minProperties' && e.instancePath === '/deployments'),
    );
    expect(allowed, JSON.stringify(errors)).toBe(true);
  });

  it('describes every key of the schema', () => {
    const declared: Array<[string, JsonSchemaNode]> = [];
    declaredSchemas(schema, '#', declared);
    expect(declared.length).toBeGreaterThan(60);
    const undescribed = declared
      .filter(([, node]) => typeof node.description !== 'string' || node.description.trim().length < 10)
      .map(([at]) => at);
    expect(undescribed).toEqual([]);
  });

  it('has no remote $ref', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((r) => !r.startsWith('"$ref":"#'))).toEqual([]);
  });

  describe('rejects the mistakes it is there to catch', () => {
    const base = (): Record<string, unknown> => mergedValues('patient-portal', 'stage');

    it('a typo in a deployment key', () => {
      const values = mergeValues(base(), parse('deployments:\n  web:\n    replica: 2\n', { version: '1.1' }));
      const errors = validate(values) ? [] : (validate.errors ?? []);
      expect(errors).toContainEqual(
        expect.objectContaining({ keyword: 'additionalProperties', instancePath: '/deployments/web', params: { additionalProperty: 'replica' } }),
      );
    });

    it('an unquoted boolean or number in env', () => {
      for (const text of ['env:\n  FOO: true\n', 'env:\n  FOO: 3\n', 'env:\n  FOO: on\n']) {
        const values = mergeValues(base(), parse(text, { version: '1.1' }));
        expect(validate(values), text).toBe(false);
        expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'type', instancePath: '/env/FOO' }));
      }
      expect(errorsOf(mergeValues(base(), parse('env:\n  FOO: "true"\n', { version: '1.1' })))).toEqual([]);
    });

    it('an unquoted image tag that YAML reads as a number', () => {
      const values = mergeValues(base(), parse('image:\n  tag: 1.10\n', { version: '1.1' }));
      expect(validate(values)).toBe(false);
      expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/image/tag', keyword: 'type' }));
    });

    it('a bad deployment name, a memory in millibytes and both PDB settings', () => {
      expect(errorsOf(mergeValues(base(), { deployments: { Web_2: { replicas: 1 } } }))).not.toEqual([]);
      expect(errorsOf(mergeValues(base(), { deployments: { web: { resources: { limits: { memory: '512m' } } } } }))).not.toEqual([]);
      expect(errorsOf(mergeValues(base(), { podDisruptionBudget: { minAvailable: 1 } }))).not.toEqual([]);
      expect(errorsOf(mergeValues(base(), { podDisruptionBudget: { minAvailable: 1, maxUnavailable: null } }))).toEqual([]);
    });

    it('a Workload Identity account that is not a service account email', () => {
      expect(errorsOf(mergeValues(base(), { serviceAccount: { gcpServiceAccount: 'patient-portal@meridian-stage' } }))).not.toEqual([]);
    });

    it('an enabled VirtualService without hosts', () => {
      expect(errorsOf(mergeValues(base(), { virtualService: { hosts: [] } }))).not.toEqual([]);
    });
  });
});
