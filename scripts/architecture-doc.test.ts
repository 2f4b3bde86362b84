// docs/ARCHITECTURE.md stays true: every lib/ domain is described there, every entry point it
// names exists, and the layering it states holds (nothing imports upward into app/, server
// actions live in their domain, dependencies default inside lib/).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const doc = fs.readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
const sourceFiles = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'app', 'components', 'lib'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx)$/.test(f) && fs.existsSync(path.join(root, f)));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('describes every lib/ domain', () => {
    const domains = fs.readdirSync(path.join(root, 'lib'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(domains.filter((name) => !doc.includes(`\`lib/${name}\``))).toEqual([]);
  });

  it('names only entry points that exist', () => {
    const table = doc.slice(doc.indexOf('## The domains'), doc.indexOf('## How a request flows'));
    const named = [...table.matchAll(/`(\w+)\(\)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(30);
    const lib = sourceFiles.filter((f) => f.startsWith('lib/')).map(read).join('\n');
    expect([...new Set(named)].filter((name) => !new RegExp(`export (async )?function ${name}\\b`).test(lib))).toEqual([]);
  });

  it('holds: nothing outside app/ imports from app/, and server actions live in lib/<domain>/actions.ts', () => {
    const upward = sourceFiles.filter((f) => !f.startsWith('app/') && /from '@\/app\//.test(read(f)));
    expect(upward).toEqual([]);
    const actions = sourceFiles.filter((f) => /^\s*['"]use server['"]/m.test(read(f)));
    expect(actions.filter((f) => !/^lib\/[a-z-]+\/actions\.ts$/.test(f))).toEqual([]);
  });

  it('holds: pages, routes and components never fetch a store themselves — data functions default their own deps', () => {
    const fetching = sourceFiles.filter((f) => /^(app|components)\//.test(f) && /\b(getDb|getConfigRepo)\(/.test(read(f)));
    expect(fetching).toEqual([]);
  });
});
