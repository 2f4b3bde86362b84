import { describe, expect, it } from 'vitest';
import { isAppName } from './app-name';
import { type CatalogFiles, parseCatalog } from './parse-catalog';
import { resolveUser } from '@/lib/auth/user';

const teams = `teams:
  - id: platform
    name: Platform
    members:
      - { name: Priya Raman, email: Priya.Raman@meridiancare.example, role: platform }
  - id: clinical
    name: Clinical
    members:
      - { name: Dmitri Volkov, email: dmitri.volkov@meridiancare.example, role: engineer }
`;
const environments = `environments:
  - { name: stage, project: meridian-stage, cluster: gke-stage, region: us-central1 }
  - { name: production, project: meridian-prod, cluster: gke-production, region: us-central1, requiresApproval: true }
`;
const goodApp = `name: provider-api
team: clinical
description: The API behind the provider app.
namespace: provider-api
tier: provider-facing
environments: [stage, production]
links: { repository: "https://github.com/meridiancare/provider-api" }
`;

function files(apps: CatalogFiles['apps'], overrides: Partial<CatalogFiles> = {}): CatalogFiles {
  return { revision: 'abc', teams, environments, apps, ...overrides };
}

describe('parseCatalog', () => {
  it('reads teams, people, environments and apps', () => {
    const catalog = parseCatalog(files({ 'provider-api': goodApp }));
    expect(catalog.problems).toEqual([]);
    expect(catalog.teams.map((t) => [t.id, t.isPlatform])).toEqual([
      ['platform', true],
      ['clinical', false],
    ]);
    expect(catalog.people.find((p) => p.name === 'Priya Raman')?.email).toBe('priya.raman@meridiancare.example');
    expect(catalog.environments.find((e) => e.name === 'production')?.requiresApproval).toBe(true);
    expect(catalog.apps[0]).toMatchObject({
      name: 'provider-api',
      team: 'clinical',
      files: { shared: 'apps/provider-api/values.yaml', byEnvironment: { stage: 'apps/provider-api/values-stage.yaml' } },
    });
  });

  it.each([
    ['invalid YAML', 'name: [unclosed', /is not valid YAML/],
    ['a missing app.yaml', null, /app\.yaml is missing/],
    ['an unknown team', goodApp.replace('team: clinical', 'team: marketing'), /team "marketing" is not in teams\.yaml/],
    ['a name that does not match its folder', goodApp.replace('name: provider-api', 'name: other-api'), /but the folder is "provider-api"/],
    ['an unknown environment', goodApp.replace('[stage, production]', '[stage, qa]'), /environments\.1/],
    ['a bad namespace', goodApp.replace('namespace: provider-api', 'namespace: Provider_API'), /namespace/],
    ['a database instance that is not an instance ID', `${goodApp}database: { instance: Provider_API, name: provider_api }\n`, /database\.instance/],
    ['an unknown key under database', `${goodApp}database: { instance: provider-api, name: provider_api, password: hunter2 }\n`, /database/],
  ])('lists an app with %s as a configuration error instead of crashing', (_name, text, message) => {
    const catalog = parseCatalog(files({ 'provider-api': text }));
    expect(catalog.apps).toEqual([]);
    expect(catalog.brokenApps[0].name).toBe('provider-api');
    expect(catalog.brokenApps[0].configError).toMatch(message);
  });

  it('reads the kube context, the Aptible handles and the Cloud SQL database', () => {
    const withFacts = environments.replace('region: us-central1 }', 'region: us-central1, kubeContext: gke-stage-ctx, aptible: [meridian-stage] }');
    const app = `${goodApp}database:\n  instance: provider-api\n  name: provider_api\n  aptible: provider-api-db\n`;
    const catalog = parseCatalog(files({ 'provider-api': app }, { environments: withFacts }));
    expect(catalog.problems).toEqual([]);
    expect(catalog.environments.map((e) => [e.name, e.kubeContext, e.aptible])).toEqual([
      ['stage', 'gke-stage-ctx', ['meridian-stage']],
      // Without kubeContext the context is named after the environment, as our guides name it.
      ['production', 'production', []],
    ]);
    expect(catalog.apps[0].database).toEqual({ instance: 'provider-api', name: 'provider_api', aptible: 'provider-api-db' });
    expect(parseCatalog(files({ 'provider-api': goodApp })).apps[0].database).toBeUndefined();
  });

  it('refuses folder names that are not app names', () => {
    const catalog = parseCatalog(files({ '..': goodApp, 'Bad_Name': goodApp }));
    expect(catalog.apps).toEqual([]);
    expect(catalog.brokenApps).toHaveLength(2);
  });

  it('reports a broken teams.yaml without losing the apps list', () => {
    const catalog = parseCatalog(files({}, { teams: 'teams: nope' }));
    expect(catalog.problems[0]).toMatch(/^teams\.yaml: /);
    expect(parseCatalog(files({}, { teams: null })).problems[0]).toBe('teams.yaml is missing from the config repository.');
  });

  it('makes anyone not in teams.yaml unlisted: no role, no team', () => {
    const catalog = parseCatalog(files({}));
    expect(resolveUser('PRIYA.RAMAN@meridiancare.example', catalog)).toMatchObject({ role: 'platform', team: 'platform' });
    expect(resolveUser('stranger@example.com', catalog)).toEqual({ email: 'stranger@example.com', name: 'stranger', role: 'unlisted', team: null, unlistedBecause: 'not-in-teams' });
  });
});

describe('log masking in app.yaml', () => {
  it('reads an app’s own patterns, and treats environments as holding PHI unless they say otherwise', () => {
    const text = `${goodApp}logMasking:\n  patterns:\n    - { name: visit id, regex: 'V-\\d{8}' }\n  keep: [client-ip]\n`;
    const catalog = parseCatalog(files({ 'provider-api': text }));
    expect(catalog.apps[0].logMasking).toEqual({ patterns: [{ name: 'visit id', regex: 'V-\\d{8}' }], keep: ['client-ip'] });
    expect(catalog.environments.map((e) => [e.name, e.logsHoldPhi])).toEqual([
      ['stage', true],
      ['production', true],
    ]);
  });

  it('refuses a pattern that cannot be used, naming the file and why', () => {
    const text = `${goodApp}logMasking:\n  patterns:\n    - { name: visit id, regex: '(?<v>\\d+)' }\n`;
    const catalog = parseCatalog(files({ 'provider-api': text }));
    expect(catalog.brokenApps[0].configError).toMatch(/apps\/provider-api\/app.yaml.*may not use named groups/);
    const unknown = parseCatalog(files({ 'provider-api': `${goodApp}logMasking:\n  keep: [emails]\n` }));
    expect(unknown.brokenApps[0].configError).toMatch(/keep/);
  });
});

describe('isAppName', () => {
  it.each(['patient-portal', 'a', 'x1', 'a'.repeat(63)])('accepts %s', (name) => expect(isAppName(name)).toBe(true));
  it.each(['../etc', '%2e%2e', '..%2F', 'a\\b', 'a\0b', '/etc/passwd', 'a'.repeat(64), '-lead', 'trail-', 'Upper', 'dot.ted', ''])(
    'refuses %j',
    (name) => expect(isAppName(name)).toBe(false),
  );
});
