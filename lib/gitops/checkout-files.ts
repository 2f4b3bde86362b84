import 'server-only';
// After the branch moved, the working tree and the index are brought to it for the files that
// changed, so the clone stays clean for `git status` and the git CLI. Only ever after the commit:
// a text that was never committed is never written into the working tree. A crash half-way leaves
// a clone that differs from its branch, which the next write finds and resets (heal-clone.ts).
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { gitWriteFs, writeThroughTemp } from './atomic-files';
import type { ConfigRepo } from './config-repo';
import { readFile } from './read-repo';
import { resolveInRepo } from './repo-path';

export async function checkoutFiles(repo: ConfigRepo, revision: string, paths: string[]): Promise<void> {
  for (const filepath of paths) {
    const text = await readFile(repo, filepath, revision);
    const absolute = resolveInRepo(repo.dir, filepath);
    if (text === null) {
      fs.rmSync(absolute, { force: true });
      await git.updateIndex({ fs: gitWriteFs, dir: repo.dir, filepath, remove: true, force: true, cache: repo.cache });
    } else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      writeThroughTemp(absolute, text);
      await git.updateIndex({ fs: gitWriteFs, dir: repo.dir, filepath, add: true, cache: repo.cache });
    }
  }
}
