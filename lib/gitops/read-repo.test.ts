import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigRepo } from './config-repo';
import { ensureConfigRepo } from './ensure-config-repo';
import { history } from './history';
import { headRevision, listFolder, readFile } from './read-repo';

let tmp = '';
let dir = '';
let sample = '';

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-gitops-'));
  sample = path.join(tmp, 'sample');
  fs.mkdirSync(path.join(sample, 'apps', 'demo'), { recursive: true });
  fs.writeFileSync(path.join(sample, 'teams.yaml'), 'teams: []\n');
  fs.writeFileSync(path.join(sample, 'apps', 'demo', 'values.yaml'), '# demo\nimage:\n  tag: "1.0"\n');
  fs.writeFileSync(path.join(sample, 'apps', 'demo', 'skip.test.ts'), 'not copied');
  dir = path.join(tmp, 'repo');
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const gitCli = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });

describe('the config repository, read side', () => {
  it('is created from the sample once, as a real git repository', async () => {
    expect(await ensureConfigRepo({ dir, sampleDir: sample })).toBe(true);
    expect(await ensureConfigRepo({ dir, sampleDir: sample })).toBe(false);
    expect(gitCli('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
    expect(gitCli('status', '--porcelain').trim()).toBe('');
    expect(gitCli('fsck', '--strict').trim()).toBe('');
    expect(gitCli('ls-files').trim().split('\n')).toEqual(['apps/demo/values.yaml', 'teams.yaml']);
  });

  it('reads what the git CLI reads', async () => {
    const repo = openConfigRepo(dir);
    const head = await headRevision(repo);
    expect(head).toBe(gitCli('rev-parse', 'HEAD').trim());
    expect(await readFile(repo, 'apps/demo/values.yaml')).toBe(gitCli('show', 'HEAD:apps/demo/values.yaml'));
    expect(await readFile(repo, 'apps/demo/missing.yaml')).toBeNull();
    expect(await listFolder(repo, 'apps')).toEqual([{ name: 'demo', path: 'apps/demo', type: 'folder' }]);
    expect(await listFolder(repo, 'nowhere')).toEqual([]);
  });

  it('reads files at a revision and logs the commits touching a path', async () => {
    const repo = openConfigRepo(dir);
    const first = await headRevision(repo);
    fs.writeFileSync(path.join(dir, 'apps', 'demo', 'values.yaml'), '# demo\nimage:\n  tag: "1.1"\n');
    gitCli('-c', 'user.name=Ana Souza', '-c', 'user.email=ana@x', 'commit', '-qam', 'Bump demo\n\nApproved-by: Ben <ben@x>');
    fs.writeFileSync(path.join(dir, 'teams.yaml'), 'teams: [] # touched\n');
    gitCli('-c', 'user.name=Ben', '-c', 'user.email=ben@x', 'commit', '-qam', 'Touch teams');

    expect(await readFile(repo, 'apps/demo/values.yaml', first)).toContain('"1.0"');
    expect(await readFile(repo, 'apps/demo/values.yaml')).toContain('"1.1"');
    const commits = await history(repo, { paths: ['apps/demo/values.yaml'] });
    expect(commits.map((c) => c.subject)).toEqual(['Bump demo', 'Initial config repository from the Berth sample']);
    expect(commits[0].author).toEqual({ name: 'Ana Souza', email: 'ana@x' });
    expect(commits[0].message).toBe('Bump demo\n\nApproved-by: Ben <ben@x>');
    expect((await history(repo)).length).toBe(3);
  });

  it('follows the branch head whether its ref is loose or packed', async () => {
    const repo = openConfigRepo(dir);
    gitCli('pack-refs', '--all');
    expect(fs.existsSync(path.join(dir, '.git', 'refs', 'heads', 'main'))).toBe(false);
    expect(await headRevision(repo)).toBe(gitCli('rev-parse', 'main').trim());

    fs.writeFileSync(path.join(dir, 'teams.yaml'), 'teams: [] # packed, then moved\n');
    gitCli('-c', 'user.name=Ben', '-c', 'user.email=ben@x', 'commit', '-qam', 'Move after packing');
    expect(fs.existsSync(path.join(dir, '.git', 'refs', 'heads', 'main'))).toBe(true);
    expect(await headRevision(repo)).toBe(gitCli('rev-parse', 'main').trim());

    // Another branch checked out must not change what Berth reads: it follows its branch, not HEAD.
    gitCli('checkout', '-q', '-b', 'elsewhere');
    fs.writeFileSync(path.join(dir, 'teams.yaml'), 'teams: [] # on another branch\n');
    gitCli('-c', 'user.name=Ben', '-c', 'user.email=ben@x', 'commit', '-qam', 'Elsewhere');
    expect(await headRevision(repo)).toBe(gitCli('rev-parse', 'main').trim());
    expect(await headRevision(repo)).not.toBe(gitCli('rev-parse', 'HEAD').trim());
    gitCli('checkout', '-q', 'main');
  });

  it('refuses to read outside the repository', async () => {
    const repo = openConfigRepo(dir);
    await expect(readFile(repo, '../sample/teams.yaml')).rejects.toThrow('not a file of the config repository');
  });

});
