// MiniSearch options for the search over guides, concepts, commands and sessions. Isomorphic: the
// build script indexes with them and the browser must pass the same ones to MiniSearch.loadJSON.
import type { Options, SearchOptions } from 'minisearch';

export type SearchDocumentKind = 'guide' | 'concept' | 'command' | 'session';

export type SearchDocument = {
  /** Unique across kinds: "guide:logs", "command:apps-scale". */
  id: string;
  kind: SearchDocumentKind;
  title: string;
  /** One or two sentences shown under a result. */
  summary: string;
  /** Section headings (guides) or other short labels worth a boost. */
  headings: string;
  text: string;
  /** Where a result leads: /guides/logs, /concepts#endpoint, /commands#apps-scale, /sessions/<id>. */
  url: string;
};

export type SearchResultFields = Pick<SearchDocument, 'id' | 'kind' | 'title' | 'summary' | 'url'>;

const querySearchOptions: SearchOptions = {
  boost: { title: 4, headings: 2, summary: 1.5 },
  prefix: true,
  fuzzy: 0.2,
  combineWith: 'AND',
};

export const searchOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: ['title', 'summary', 'headings', 'text'],
  storeFields: ['kind', 'title', 'summary', 'url'],
  searchOptions: querySearchOptions,
};
