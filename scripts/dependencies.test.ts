// package.json declares exactly the packages the code imports (plus the tools that run from the
// command line), so a clean `npm ci` never works by the accident of a transitive dependency.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Packages used as programs, type definitions or configuration rather than imported. */
const TOOLS = new Set([
  '@tailwindcss/postcss', // postcss.config.mjs names it as a string
  '@types/better-sqlite3',
  '@types/node',
  '@types/pg',
  '@types/react',
  '@types/react-dom',
  'eslint',
  'postcss',
  'tailwindcss', // app/globals.css: @import "tailwindcss"
  'tsx', // runs the sandbox and the benchmarks
  'typescript',
]);

function importedPackages(): Set<string> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.tsx', '*.mts', '*.mjs', '*.js'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && fs.existsSync(path.join(root, f)));
  // import … from 'x', export … from 'x', import 'x', import('x') — at the start of a statement.
  const specifiers = /^(?![ \t]*(?:\/\/|\*))[ \t]*(?:(?:import|export)\b[^'"\n;]*?\bfrom\s*|\}\s*from\s*|import\s*|.*?\bimport\s*\(\s*)['"]([^'"]+)['"]/gm;
  const found = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(specifiers)) {
      const specifier = match[1];
      if (specifier.startsWith('.') || specifier.startsWith('@/') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return found;
}

describe('package.json', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)]);
  const imported = importedPackages();
  // A type-only package such as 'hast' is provided by its @types/ package.
  const provides = (name: string) => declared.has(name) || declared.has(`@types/${name.replace(/^@([^/]+)\//, '$1__')}`);

  it('declares every package the code imports', () => {
    expect([...imported].filter((name) => !provides(name)).sort()).toEqual([]);
  });

  it('declares nothing the code neither imports nor runs as a tool', () => {
    const typesOfImported = (name: string) => name.startsWith('@types/') && imported.has(name.slice('@types/'.length));
    expect([...declared].filter((name) => !imported.has(name) && !typesOfImported(name) && !TOOLS.has(name)).sort()).toEqual([]);
  });
});
