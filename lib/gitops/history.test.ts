import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigRepo } from './config-repo';
import { history } from './history';

// A history with files added, changed, deleted and re-added, across nested folders, compared with
// what the git CLI says about the same repository.
let dir = '';
const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=Ana Souza', '-c', 'user.email=ana@x', ...args], { encoding: 'utf8' });
const FILES = ['teams.yaml', 'apps/a/values.yaml', 'apps/a/values-stage.yaml', 'apps/b/values.yaml', 'apps/b/deep/extra.yaml'];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-history-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  fs.writeFileSync(path.join(dir, 'teams.yaml'), 'teams: []\n');
  git('add', '-A');
  git('commit', '-qm', 'Root');
  for (let i = 0; i < 60; i++) {
    const file = FILES[(i * 7) % FILES.length];
    const absolute = path.join(dir, file);
    if (i % 13 === 5 && fs.existsSync(absolute)) {
      fs.rmSync(absolute);
    } else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, `# change ${i}\nvalue: ${i}\n`);
    }
    git('add', '-A');
    git('commit', '-qm', `Change ${i}\n\nApproved-by: Ben <ben@x>`);
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cliLog(paths: string[], limit: number, from = 'main'): string[] {
  const out = git('log', '--first-parent', `--max-count=${limit}`, '--format=%H', from, '--', ...paths).trim();
  return out ? out.split('\n') : [];
}

describe('history', () => {
  it('lists the same commits as `git log --first-parent -- <paths>`, for each file and together', async () => {
    const repo = openConfigRepo(dir);
    for (const file of FILES) {
      const commits = await history(repo, { paths: [file], limit: 100 });
      expect(commits.map((c) => c.revision), file).toEqual(cliLog([file], 100));
      expect(commits.every((c) => c.files.length === 1 && c.files[0] === file)).toBe(true);
    }
    const both = ['apps/a/values.yaml', 'apps/b/deep/extra.yaml'];
    expect((await history(repo, { paths: both, limit: 7 })).map((c) => c.revision)).toEqual(cliLog(both, 7));
    expect((await history(repo, { limit: 100 })).map((c) => c.revision)).toEqual(cliLog([], 100));
  });

  it('starts from an older revision when asked, and reads messages and people', async () => {
    const repo = openConfigRepo(dir);
    const older = git('rev-parse', 'main~20').trim();
    const commits = await history(repo, { from: older, paths: ['apps/a/values.yaml'], limit: 3 });
    expect(commits.map((c) => c.revision)).toEqual(cliLog(['apps/a/values.yaml'], 3, older));
    expect(commits[0].author).toEqual({ name: 'Ana Souza', email: 'ana@x' });
    expect(commits[0].subject).toMatch(/^Change \d+$/);
    expect(commits[0].message).toContain('Approved-by: Ben <ben@x>');
    expect(commits[0].time).toBe(new Date(Number(git('log', '-1', '--format=%at', commits[0].revision).trim()) * 1000).toISOString());
  });

  it('counts the root commit as changing every file it holds', async () => {
    const repo = openConfigRepo(dir);
    const commits = await history(repo, { paths: ['teams.yaml'], limit: 100 });
    expect(commits.at(-1)?.subject).toBe('Root');
    expect(commits.at(-1)?.parents).toEqual([]);
  });
});
