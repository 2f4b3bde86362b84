import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitChange, UnknownRevisionError } from './commit-change';
import { openConfigRepo } from './config-repo';
import { ensureConfigRepo } from './ensure-config-repo';
import { headRevision, readFile } from './read-repo';

let tmp = '';
let dir = '';

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-commit-'));
  const sample = path.join(tmp, 'sample');
  fs.mkdirSync(path.join(sample, 'apps', 'demo'), { recursive: true });
  fs.writeFileSync(path.join(sample, 'apps', 'demo', 'values.yaml'), '# replicas for demo\nreplicas: 1\n');
  dir = path.join(tmp, `repo-${Math.random().toString(36).slice(2)}`);
  await ensureConfigRepo({ dir, sampleDir: sample });
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const gitCli = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
const ana = { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' };

describe('commitChange', () => {
  it('commits with the engineer as author and Berth as committer, with trailers', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    const result = await commitChange(repo, {
      files: [{ path: 'apps/demo/values.yaml', text: '# replicas for demo\nreplicas: 2\n' }],
      baseRevision: base,
      author: ana,
      message: 'Scale demo to 2',
      trailers: { 'Approved-by': ['Ben Okafor <ben.okafor@meridiancare.example>'] },
    });
    expect(result.status).toBe('committed');
    expect(gitCli('log', '-1', '--format=%an <%ae>|%cn <%ce>|%s')).toBe(
      'Ana Souza <ana.souza@meridiancare.example>|Berth <berth@meridiancare.example>|Scale demo to 2\n',
    );
    expect(gitCli('log', '-1', '--format=%(trailers:key=Approved-by,valueonly)').trim()).toBe('Ben Okafor <ben.okafor@meridiancare.example>');
    expect(gitCli('status', '--porcelain')).toBe('');
    expect(gitCli('show', 'HEAD:apps/demo/values.yaml')).toContain('replicas: 2');
  });

  it('refuses a stale base when the file changed meanwhile, and overwrites nothing', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    await commitChange(repo, { files: [{ path: 'apps/demo/values.yaml', text: 'replicas: 3\n' }], baseRevision: base, author: ana, message: 'first' });
    const stale = await commitChange(repo, {
      files: [{ path: 'apps/demo/values.yaml', text: 'replicas: 9\n' }],
      baseRevision: base,
      author: { name: 'Ben', email: 'ben@x' },
      message: 'second',
    });
    expect(stale).toMatchObject({ status: 'conflict', conflicts: [{ path: 'apps/demo/values.yaml', headText: 'replicas: 3\n', proposedText: 'replicas: 9\n' }] });
    expect(await readFile(repo, 'apps/demo/values.yaml')).toBe('replicas: 3\n');
  });

  it('lands on a moved head when the file itself did not change', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    await commitChange(repo, { files: [{ path: 'apps/other/values.yaml', text: 'a: 1\n' }], baseRevision: base, author: ana, message: 'other app' });
    const result = await commitChange(repo, { files: [{ path: 'apps/demo/values.yaml', text: 'replicas: 4\n' }], baseRevision: base, author: ana, message: 'demo' });
    expect(result.status).toBe('committed');
    expect(gitCli('log', '--format=%s').trim().split('\n').slice(0, 2)).toEqual(['demo', 'other app']);
  });

  it('says unchanged when the text is what the head has', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    const result = await commitChange(repo, { files: [{ path: 'apps/demo/values.yaml', text: '# replicas for demo\nreplicas: 1\n' }], baseRevision: base, author: ana, message: 'noop' });
    expect(result).toEqual({ status: 'unchanged', revision: base });
  });

  it('refuses an unknown base revision and paths outside the repository', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    await commitChange(repo, { files: [{ path: 'apps/demo/values.yaml', text: 'x: 1\n' }], baseRevision: base, author: ana, message: 'move head' });
    await expect(
      commitChange(repo, { files: [{ path: 'apps/demo/values.yaml', text: 'x: 2\n' }], baseRevision: 'f'.repeat(40), author: ana, message: 'm' }),
    ).rejects.toBeInstanceOf(UnknownRevisionError);
    await expect(
      commitChange(repo, { files: [{ path: '../escape.yaml', text: 'x' }], baseRevision: base, author: ana, message: 'm' }),
    ).rejects.toThrow('not a file of the config repository');
    expect(fs.existsSync(path.join(tmp, 'escape.yaml'))).toBe(false);
  });

  it('20 concurrent saves from mixed bases: exactly the non-stale ones land, history is clean', async () => {
    const repo = openConfigRepo(dir);
    const base = await headRevision(repo);
    const people = Array.from({ length: 20 }, (_, i) => ({ name: `Engineer ${i}`, email: `engineer${i}@meridiancare.example` }));
    // Ten edit their own app's file (never stale), ten edit the same file from the same base
    // (only the first to get the lock can land).
    const saves = people.map((author, i) =>
      commitChange(repo, {
        files: [{ path: i < 10 ? `apps/app-${i}/values.yaml` : 'apps/demo/values.yaml', text: `replicas: ${i}\n` }],
        baseRevision: base,
        author,
        message: `save ${i}`,
      }),
    );
    const results = await Promise.all(saves);
    const landed = results.filter((r) => r.status === 'committed');
    expect(landed).toHaveLength(11);
    expect(results.filter((r) => r.status === 'conflict')).toHaveLength(9);
    expect(results.slice(0, 10).every((r) => r.status === 'committed')).toBe(true);

    expect(gitCli('fsck', '--strict').trim()).toBe('');
    expect(gitCli('status', '--porcelain')).toBe('');
    const log = gitCli('log', '--format=%an|%P').trim().split('\n');
    expect(log).toHaveLength(12);
    // Linear: every commit has one parent (the initial one none).
    expect(log.every((line, i) => line.split('|')[1].split(' ').filter(Boolean).length === (i === log.length - 1 ? 0 : 1))).toBe(true);
    const authors = new Set(log.map((line) => line.split('|')[0]));
    for (let i = 0; i < 10; i++) expect(authors.has(`Engineer ${i}`)).toBe(true);
  });
});
