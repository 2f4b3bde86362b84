import 'server-only';

import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

import { ContentError } from './schemas';

/** content/ of the running app; Next.js, vitest and the build scripts all run from the repo root. */
export function contentDir(): string {
  return path.join(process.cwd(), 'content');
}

/** Path relative to the repository root, as error messages name files. */
export function contentFileName(...segments: string[]): string {
  return path.posix.join('content', ...segments);
}

export function readContentFile(...segments: string[]): string {
  return fs.readFileSync(path.join(contentDir(), ...segments), 'utf8');
}

/** Names of the files in a content folder with the extension, sorted; none when the folder is missing. */
export function listContentFiles(folder: string, extension: string): string[] {
  const dir = path.join(contentDir(), folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(extension) && !name.startsWith('.'))
    .sort();
}

/** YAML syntax errors become a ContentError with the line and column. */
export function parseYaml(source: string, file: string): unknown {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ContentError(
      file,
      doc.errors.map((error) => ({
        path: error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '',
        message: error.message.split('\n')[0],
      })),
    );
  }
  return doc.toJS({ maxAliasCount: 50 });
}

const cache = new Map<string, unknown>();

/**
 * Content is read once per process. `next dev` re-reads it on every call so edits to content/
 * show up without a restart.
 */
export function cached<T>(key: string, load: () => T): T {
  if (process.env.NODE_ENV === 'development') return load();
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}
