// Writes public/search-index.json (guides, concepts, commands, sessions) for the browser search.
// Usage: npx tsx scripts/build-search-index.mts [--out path]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// lib/guides guards its loaders with `server-only`, which resolves to an empty module only under
// the react-server condition, as inside Next's server bundle. Re-run this script with it set.
const REACT_SERVER = '--conditions=react-server';
const underReactServer = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('react-server'));
if (!underReactServer) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, REACT_SERVER, self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const outFlag = process.argv.indexOf('--out');
const out = path.resolve(outFlag === -1 ? path.join('public', 'search-index.json') : process.argv[outFlag + 1] ?? '');

const { buildSearchDocuments, buildSearchIndex, serializeSearchIndex } = await import('../lib/guides/build-search-index');

const documents = buildSearchDocuments();
const json = serializeSearchIndex(buildSearchIndex(documents));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, json);
const relative = path.relative(process.cwd(), out);
const shown = relative.startsWith('..') ? out : relative;
const counts = documents.reduce<Record<string, number>>((acc, doc) => ({ ...acc, [doc.kind]: (acc[doc.kind] ?? 0) + 1 }), {});
console.log(`search index: ${documents.length} documents (${Object.entries(counts).map(([k, n]) => `${n} ${k}s`).join(', ')}) → ${shown}`);
