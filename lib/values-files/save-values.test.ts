import { expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import type { BerthUser } from '@/lib/auth/user';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { describeEachDatabase } from '@/lib/testing/databases';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { saveValues, type SaveValuesResult } from './save-values';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };

const STAGE = 'apps/patient-portal/values-stage.yaml';

/** What happened, in one word: the outcome of a save that went through, or the refusal's code. */
const outcome = (result: SaveValuesResult) => (result.ok ? result.data.status : result.error.code);

describeEachDatabase('saving stage values', (database) => {
  // A fresh copy of the sample repository per database suite.
  const { repo, git: gitCli } = sampleRepoForSuite();

  it('commits a valid change under the engineer’s name, explains it, and audits it', async () => {
    const base = await headRevision(repo);
    const text = `${await readFile(repo, STAGE)}\ndeployments:\n  web:\n    replicas: 3\n`;
    const result = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text, baseRevision: base, message: 'Scale web in stage' }, { repo, db: database.db });
    expect(outcome(result)).toBe('committed');
    if (!result.ok || result.data.status !== 'committed') return;
    expect(result.data.environments[0].effects.map((e) => e.summary)).toContain('web will run 3 pods instead of 2 in stage');
    expect(gitCli('log', '-1', '--format=%an|%cn|%s')).toBe('Ana Souza|Berth|Scale web in stage\n');
    const [event] = await listAuditEvents(database.db, { target: 'app:patient-portal', actionPrefix: 'values.commit' });
    expect(event).toMatchObject({ actor: ana.email, details: { file: STAGE, revision: result.data.revision } });
  });

  it.each([
    ['malformed YAML', 'deployments:\n  web:\n    replicas: [3\n', 'invalid', /.+/],
    ['a duplicate key', 'env:\n  A: "1"\n  A: "2"\n', 'invalid', /A/],
    ['a schema violation in the environment file', 'deployments:\n  web:\n    replicas: "three"\n', 'invalid', /replicas/],
    ['a NUL character', 'deployments:\n  web:\n    replicas: 3\nimage:\n  tag: "1.0\u0000"\n', 'invalid', /control character \(U\+0000 NUL\)/],
    ['20,000 keys', `${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`, 'invalid', /more than 10,000 keys/],
    ['a YAML bomb', `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`, 'invalid', /.+/],
  ])('refuses %s and writes nothing', async (_name, text, status, message) => {
    const before = gitCli('rev-parse', 'HEAD');
    const result = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text, baseRevision: before.trim(), message: 'bad' }, { repo, db: database.db });
    expect(outcome(result)).toBe(status);
    if (!result.ok && result.error.code === 'invalid') {
      const problems = result.error.details?.problems ?? [];
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => p.severity === 'error' && message.test(p.message))).toBe(true);
      expect(problems.find((p) => p.severity === 'error')?.line).toBeGreaterThan(0);
    }
    expect(gitCli('rev-parse', 'HEAD')).toBe(before);
  });

  it('reports a schema error at the line of the environment file that set it', async () => {
    const base = await headRevision(repo);
    const current = (await readFile(repo, STAGE)) ?? '';
    const text = current.replace('FEATURE_VIDEO_VISITS: "true"', 'FEATURE_VIDEO_VISITS: true');
    const line = text.split('\n').findIndex((l) => l.includes('FEATURE_VIDEO_VISITS')) + 1;
    const result = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text, baseRevision: base, message: 'x' }, { repo, db: database.db });
    expect(outcome(result)).toBe('invalid');
    if (result.ok) return;
    const errors = (result.error.details?.problems ?? []).filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: STAGE, line, path: 'env.FEATURE_VIDEO_VISITS' });
    expect(errors[0].message).toMatch(/quotes/);
  });

  it('refuses an oversized file before parsing it', async () => {
    const base = await headRevision(repo);
    const text = `# ${'x'.repeat(300 * 1024)}\n`;
    const result = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text, baseRevision: base, message: 'big' }, { repo, db: database.db });
    expect(outcome(result)).toBe('too-large');
  });

  it('refuses another team’s app, a production file, and names that leave the repository', async () => {
    const base = await headRevision(repo);
    const text = 'deployments:\n  api:\n    replicas: 9\n';
    expect(outcome(await saveValues(dmitri, { app: 'patient-portal', file: 'values-stage.yaml', text, baseRevision: base, message: 'x' }, { repo, db: database.db }))).toBe('forbidden');
    for (const file of ['values-production.yaml', 'values.yaml'] as const) {
      const refused = await saveValues(ana, { app: 'patient-portal', file, text, baseRevision: base, message: 'x' }, { repo, db: database.db });
      expect(outcome(refused)).toBe('forbidden');
      expect(!refused.ok && refused.error.message).toMatch(/needs a second person's approval/);
    }
    expect(outcome(await saveValues(ana, { app: '../patient-portal', file: 'values-stage.yaml', text, baseRevision: base, message: 'x' }, { repo, db: database.db }))).toBe('invalid');
    expect(outcome(await saveValues(ana, { app: 'no-such-app', file: 'values-stage.yaml', text, baseRevision: base, message: 'x' }, { repo, db: database.db }))).toBe('not-found');
    expect(gitCli('rev-parse', 'HEAD').trim()).toBe(base);
  });

  it('refuses a stale base with both versions and overwrites nothing', async () => {
    const base = await headRevision(repo);
    const current = (await readFile(repo, STAGE)) ?? '';
    const first = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text: current.replace('LOG_LEVEL: debug', 'LOG_LEVEL: info'), baseRevision: base, message: 'first' }, { repo, db: database.db });
    expect(outcome(first)).toBe('committed');
    const stale = await saveValues(ana, { app: 'patient-portal', file: 'values-stage.yaml', text: current.replace('LOG_LEVEL: debug', 'LOG_LEVEL: warn'), baseRevision: base, message: 'second' }, { repo, db: database.db });
    expect(outcome(stale)).toBe('conflict');
    if (!stale.ok) expect(stale.error.details?.conflicts?.[0].headText).toContain('LOG_LEVEL: info');
    expect(await readFile(repo, STAGE)).toContain('LOG_LEVEL: info');
  });
});
