import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitChange } from '@/lib/gitops/commit-change';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';
import { history } from '@/lib/gitops/history';
import { headRevision } from '@/lib/gitops/read-repo';
import { loadCatalog } from './load-catalog';

// Commits that reach Berth's clone without Berth (a push fetched by another replica, the browser
// tests' app copies in e2e/fixtures): made here with git plumbing only, as those are — objects,
// a tree built in a temporary index, the branch moved with update-ref — never touching the
// clone's own index or working tree.
let tmp = '';
let dir = '';

const git = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  execFileSync('git', ['-C', dir, ...args], {
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Outside', GIT_AUTHOR_EMAIL: 'outside@example.invalid', GIT_COMMITTER_NAME: 'Outside', GIT_COMMITTER_EMAIL: 'outside@example.invalid', ...options.env },
  }).trim();

/** Commits `apps/<copy>/` (intake-forms' files, its own name and namespace) or removes it, from outside Berth. */
function outsideCommit(copy: string, action: 'add' | 'remove'): string {
  const old = git(['rev-parse', 'refs/heads/main']);
  const env = { GIT_INDEX_FILE: path.join(tmp, 'outside-index') };
  git(['read-tree', old], { env });
  if (action === 'add') {
    const entries = git(['ls-tree', '-r', old, 'apps/intake-forms/'])
      .split('\n')
      .map((line) => {
        const [meta, file] = line.split('\t');
        const [mode, , oid] = meta.split(' ');
        const target = file.replace('apps/intake-forms/', `apps/${copy}/`);
        if (!file.endsWith('/app.yaml')) return `${mode} ${oid}\t${target}`;
        const text = git(['cat-file', 'blob', oid]).replace(/^name: .*$/m, `name: ${copy}`).replace(/^namespace: .*$/m, `namespace: ${copy}`);
        return `${mode} ${git(['hash-object', '-w', '--stdin'], { input: `${text}\n` })}\t${target}`;
      });
    git(['update-index', '--index-info'], { env, input: `${entries.join('\n')}\n` });
  } else {
    git(['rm', '-r', '--cached', '--quiet', `apps/${copy}`], { env });
  }
  const tree = git(['write-tree'], { env });
  const commit = git(['commit-tree', tree, '-p', old, '-m', `${action} ${copy} from outside`]);
  git(['update-ref', 'refs/heads/main', commit, old]);
  return commit;
}

beforeEach(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-outside-'));
  dir = path.join(tmp, 'config-repo');
  await ensureConfigRepo({ dir, sampleDir: path.resolve(__dirname, '../../sandbox/config-repo') });
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a commit made outside Berth', () => {
  it('is in the catalog and the history at once, and Berth’s next save builds on it', async () => {
    const repo = openConfigRepo(dir);
    expect((await loadCatalog(repo)).apps.map((a) => a.name)).not.toContain('intake-forms-copy');
    const indexBefore = git(['ls-files', '--stage']);

    const added = outsideCommit('intake-forms-copy', 'add');
    expect(git(['ls-files', '--stage'])).toBe(indexBefore);
    const catalog = await loadCatalog(repo);
    expect(catalog.revision).toBe(added);
    expect(catalog.apps.find((a) => a.name === 'intake-forms-copy')).toMatchObject({ team: 'patient-experience', namespace: 'intake-forms-copy' });
    const [latest] = await history(repo, { paths: ['apps/intake-forms-copy/values-stage.yaml'], limit: 1 });
    expect(latest.revision).toBe(added);

    // A save to the copy: the commit is the head's tree plus that file, whatever the index held.
    const file = 'apps/intake-forms-copy/values-stage.yaml';
    const text = `${git(['cat-file', 'blob', `${added}:${file}`])}\n# saved through Berth\n`;
    const saved = await commitChange(repo, { files: [{ path: file, text }], baseRevision: added, author: { name: 'Ana Souza', email: 'ana.souza@meridiancare.example' }, message: 'Save the copy' });
    expect(saved).toMatchObject({ status: 'committed', parent: added });
    expect(git(['ls-tree', '-r', '--name-only', 'HEAD', 'apps/intake-forms-copy/']).split('\n')).toEqual(git(['ls-tree', '-r', '--name-only', added, 'apps/intake-forms-copy/']).split('\n'));
    expect((await loadCatalog(repo)).apps.map((a) => a.name)).toContain('intake-forms-copy');
    expect((await history(repo, { paths: [file], limit: 1 }))[0].subject).toBe('Save the copy');

    const removed = outsideCommit('intake-forms-copy', 'remove');
    expect(await headRevision(repo)).toBe(removed);
    expect((await loadCatalog(repo)).apps.map((a) => a.name)).not.toContain('intake-forms-copy');
  });
});
