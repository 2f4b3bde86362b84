import 'server-only';

import { createHash } from 'node:crypto';

import { serializeSearchIndex } from './build-search-index';

export type SearchIndexJson = { json: string; etag: string };

let built: SearchIndexJson | undefined;

/**
 * The MiniSearch index of guides, concepts, commands and sessions as the browser loads it. Content
 * only changes with a deploy, so it is built once per process on first use (about 100 ms) instead
 * of in a build step; `next dev` rebuilds it each time so content edits show up.
 */
export function getSearchIndexJson(): SearchIndexJson {
  if (built && process.env.NODE_ENV !== 'development') return built;
  const json = serializeSearchIndex();
  built = { json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"` };
  return built;
}
