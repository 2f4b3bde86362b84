// Moving apps along their migration and recording parity, against a real git repository and
// SQLite/PostgreSQL: who may, what lands in migration.yaml under whose name, and that a paste's
// values are never kept — not in the repository's history, not in the database.
import { expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { checkParity, dropConfigKey } from './check-parity';
import { parseMigrationFile } from './migration-file';
import { updateMigration } from './update-migration';

const chloe: BerthUser = { email: 'chloe.park@meridiancare.example', name: 'Chloe Park', role: 'engineer', team: 'patient-experience' };
const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const ivy: BerthUser = { email: 'ivy.martins@meridiancare.example', name: 'Ivy Martins', role: 'viewer', team: 'care-ops' };

// Real shapes of the CLI's output, with values Berth must never keep.
const SECRETS = ['hunter2-session-9f8e7d', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'nr-license-0123456789abcdef', 's3cr3t-pw'];
const CONFIG_PASTE = `$ aptible config --app intake-forms
AWS_ACCESS_KEY_ID=${SECRETS[1]}
AWS_SECRET_ACCESS_KEY=${SECRETS[2]}
FHIR_BASE_URL=https://fhir:${SECRETS[4]}@fhir.example/fhir
LOG_FORMAT=json
LOG_LEVEL=info
NEW_RELIC_LICENSE_KEY=${SECRETS[3]}
NODE_ENV=production
QUESTIONNAIRE_SET=intake-2026-10
S3_UPLOAD_BUCKET=meridian-intake
SESSION_SECRET=${SECRETS[0]}
`;
const SERVICES_PASTE = `Service: web
Command: node server.js --token=${SECRETS[0]}
Container Count: 2
Container Size: 1024
`;
const ENDPOINTS_PASTE = `Hostname: elb-meridian-12345.aptible.in
Type: https
Internal: false
Service: web
Managed TLS Domain: intake.meridiancare.example
`;


describeEachDatabase('the migration of an app', (database) => {
  const { repo, git } = sampleRepoForSuite();

  it('moves intake-forms to GKE stage under the engineer’s name, then records who validated it', async () => {
    const moved = await updateMigration(chloe, { app: 'intake-forms', state: 'gke-stage', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(moved.ok && moved.data.status).toBe('committed');
    expect(git('log', '-1', '--format=%an <%ae>|%cn|%s')).toBe('Chloe Park <chloe.park@meridiancare.example>|Berth|intake-forms: running in gke stage\n');
    const text = (await readFile(repo, 'apps/intake-forms/migration.yaml'))!;
    expect(text).toMatch(/^state: gke-stage$/m);
    // The file's comments survive Berth's edit.
    expect(text).toContain('# Names and shapes only: never a config value in this file.');

    const validated = await updateMigration(chloe, { app: 'intake-forms', state: 'validated-in-stage', note: 'Forms filled end to end', baseRevision: await headRevision(repo) }, { repo, db: database.db, now: () => new Date('2026-12-04T10:00:00Z') });
    expect(validated.ok).toBe(true);
    const parsed = parseMigrationFile((await readFile(repo, 'apps/intake-forms/migration.yaml'))!);
    expect(parsed.ok && parsed.migration.validatedInStage).toEqual({ by: chloe.email, at: '2026-12-04', note: 'Forms filled end to end' });
    const audit = await database.db.selectFrom('audit_events').selectAll().where('action', '=', 'migration.update').orderBy('seq').execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      expect.objectContaining({ from: 'aptible-only', to: 'gke-stage' }),
      expect.objectContaining({ from: 'gke-stage', to: 'validated-in-stage', validatedBy: chloe.email }),
    ]);

    // Moving back before validation withdraws it (git keeps who had said so).
    const back = await updateMigration(priya, { app: 'intake-forms', state: 'gke-stage', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(back.ok).toBe(true);
    expect(await readFile(repo, 'apps/intake-forms/migration.yaml')).not.toContain('validatedInStage');
  });

  it.each([
    ['another team', dmitri, 'intake-forms', 'gke-stage', 'forbidden', /Only the patient-experience team or the platform team/],
    ['a viewer', ivy, 'billing-sync', 'aptible-deprovisioned', 'forbidden', /Only the care-ops team/],
    ['the platform team validating for a team', priya, 'intake-forms', 'validated-in-stage', 'forbidden', /Only the patient-experience team can say/],
    ['a state the ladder owns', chloe, 'intake-forms', 'cutover', 'invalid', /cutover ladder/],
    ['100 % for an app behind the edge Envoy', chloe, 'patient-portal', 'gke-100', 'invalid', /approved 100 % step/],
    ['moving an app mid-cutover', dmitri, 'provider-api', 'gke-stage', 'conflict', /mid-cutover \(GKE at 25 %\)/],
    ['deprovisioning before 100 %', chloe, 'intake-forms', 'aptible-deprovisioned', 'invalid', /once GKE has all/],
    ['an app that does not exist', chloe, 'no-such-app', 'gke-stage', 'not-found', /no app called/],
  ] as const)('refuses %s and commits nothing', async (_what, user, app, state, code, message) => {
    const before = git('rev-parse', 'HEAD');
    const result = await updateMigration(user, { app, state, baseRevision: before.trim() }, { repo, db: database.db });
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  it('refuses a move from a page opened before someone else’s, with nothing overwritten', async () => {
    const stale = await headRevision(repo);
    expect((await updateMigration(chloe, { app: 'intake-forms', state: 'aptible-only', baseRevision: stale }, { repo, db: database.db })).ok).toBe(true);
    const late = await updateMigration(priya, { app: 'intake-forms', state: 'gke-stage', baseRevision: stale }, { repo, db: database.db });
    expect(late.ok ? 'ok' : late.error.code).toBe('conflict');
    expect(await readFile(repo, 'apps/intake-forms/migration.yaml')).toMatch(/^state: aptible-only$/m);
  });

  it('reads pasted Aptible output for names only: compared, recorded, and no value anywhere', async () => {
    const base = await headRevision(repo);
    const compared = await checkParity(chloe, { app: 'intake-forms', baseRevision: base, config: CONFIG_PASTE, services: SERVICES_PASTE, endpoints: ENDPOINTS_PASTE }, { repo, db: database.db });
    expect(compared.ok).toBe(true);
    if (!compared.ok) return;
    expect(git('rev-parse', 'HEAD').trim()).toBe(base);
    expect(compared.data.read).toEqual({ config: 10, services: 1, endpoints: 1 });
    const byKey = Object.fromEntries(compared.data.report.keys.map((k) => [k.key, k.status]));
    expect(byKey).toMatchObject({ SESSION_SECRET: 'secret-env', NODE_ENV: 'env', AWS_ACCESS_KEY_ID: 'dropped', S3_UPLOAD_BUCKET: 'missing', FHIR_BASE_URL: 'missing' });
    // A command that carries a credential is not kept.
    expect(compared.data.commandsWithheld).toEqual(['web']);
    expect(compared.data.report.endpoints[0]).toMatchObject({ hostname: 'elb-meridian-12345.aptible.in', expectedHost: 'intake.meridiancare.example', byEnvironment: { production: 'routed' } });
    for (const secret of SECRETS) expect(JSON.stringify(compared)).not.toContain(secret);

    const saved = await checkParity(chloe, { app: 'intake-forms', baseRevision: base, config: CONFIG_PASTE, services: SERVICES_PASTE, endpoints: ENDPOINTS_PASTE, save: true }, { repo, db: database.db, now: () => new Date('2026-12-04T11:00:00Z') });
    expect(saved.ok && saved.data.recorded?.status).toBe('committed');
    const file = parseMigrationFile((await readFile(repo, 'apps/intake-forms/migration.yaml'))!);
    expect(file.ok && file.migration.parity).toMatchObject({
      configKeys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'FHIR_BASE_URL', 'LOG_FORMAT', 'LOG_LEVEL', 'NEW_RELIC_LICENSE_KEY', 'NODE_ENV', 'QUESTIONNAIRE_SET', 'S3_UPLOAD_BUCKET', 'SESSION_SECRET'],
      dropped: { AWS_ACCESS_KEY_ID: expect.stringContaining('Workload Identity') },
      services: { web: { deployment: 'web', containerCount: 2, containerSizeMb: 1024, command: 'CMD' } },
      endpoints: [{ hostname: 'elb-meridian-12345.aptible.in', type: 'https', service: 'web', host: 'intake.meridiancare.example' }],
      recordedBy: chloe.email,
      recordedAt: '2026-12-04',
    });

    // Nowhere: the whole history of the repository, every row of the database.
    const everything = git('log', '--all', '-p', '--format=%H %an %s%n%b');
    const rows = JSON.stringify(await database.db.selectFrom('audit_events').selectAll().execute());
    for (const secret of SECRETS) {
      expect(everything).not.toContain(secret);
      expect(rows).not.toContain(secret);
    }
  });

  it('says which paste cannot be read, at which line, without quoting it, and records nothing', async () => {
    const before = git('rev-parse', 'HEAD');
    const broken = `A=1\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC+${SECRETS[2]}=\n`;
    const result = await checkParity(chloe, { app: 'intake-forms', baseRevision: before.trim(), config: broken, save: true }, { repo, db: database.db });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid');
    expect(result.error.details?.paste).toMatchObject({ which: 'config', line: 2 });
    expect(JSON.stringify(result)).not.toContain(SECRETS[2]);
    expect(JSON.stringify(result)).not.toContain('MIIEvQ');
    expect(git('rev-parse', 'HEAD')).toBe(before);
  });

  it('records a dropped key with its reason, and takes it back', async () => {
    const dropped = await dropConfigKey(chloe, { app: 'intake-forms', key: 'NEW_RELIC_LICENSE_KEY', reason: 'Cloud Monitoring replaced New Relic.', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(dropped.ok).toBe(true);
    expect(await readFile(repo, 'apps/intake-forms/migration.yaml')).toContain('NEW_RELIC_LICENSE_KEY: Cloud Monitoring replaced New Relic.');
    const unknown = await dropConfigKey(chloe, { app: 'intake-forms', key: 'NEVER_ON_APTIBLE', reason: 'x', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(unknown.ok ? 'ok' : unknown.error.message).toMatch(/not among the config keys recorded/);
    const other = await dropConfigKey(dmitri, { app: 'intake-forms', key: 'FHIR_BASE_URL', reason: 'x', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(other.ok ? 'ok' : other.error.code).toBe('forbidden');
    const back = await dropConfigKey(chloe, { app: 'intake-forms', key: 'NEW_RELIC_LICENSE_KEY', reason: '', baseRevision: await headRevision(repo) }, { repo, db: database.db });
    expect(back.ok).toBe(true);
    expect(await readFile(repo, 'apps/intake-forms/migration.yaml')).not.toContain('NEW_RELIC_LICENSE_KEY: Cloud');
  });
});
