import 'server-only';

import MiniSearch from 'minisearch';

import { listCommands } from './load-commands';
import { listConcepts } from './load-concepts';
import { getGuide, listGuides } from './load-guides';
import { listSessions } from './load-sessions';
import { searchOptions, type SearchDocument } from './search-options';

/** Markdown → the words a reader sees (code is kept: people search for `kubectl logs`). */
export function markdownToSearchText(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^ {0,3}#{1,6}\s+/gm, '')
    .replace(/^ {0,3}>\s?/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, ' ')
    .replace(/[*_`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildSearchDocuments(): SearchDocument[] {
  const documents: SearchDocument[] = [];

  for (const { slug } of listGuides()) {
    const guide = getGuide(slug);
    if (!guide) continue;
    const { frontmatter } = guide;
    documents.push({
      id: `guide:${slug}`,
      kind: 'guide',
      title: frontmatter.title,
      summary: frontmatter.summary,
      headings: [...guide.headings.map((h) => h.text), ...frontmatter.aptible, ...frontmatter.gcp].join(' · '),
      text: markdownToSearchText(guide.body),
      url: `/guides/${slug}`,
    });
  }

  for (const concept of listConcepts()) {
    documents.push({
      id: `concept:${concept.id}`,
      kind: 'concept',
      title: `${concept.aptible} → ${concept.gcp}`,
      summary: concept.aptibleDescription,
      headings: [concept.aptible, concept.valuesKey ?? ''].filter(Boolean).join(' · '),
      text: [concept.whereItLives, concept.note ?? '', ...concept.docs.map((d) => d.title)].join(' '),
      url: `/concepts#${concept.id}`,
    });
  }

  for (const entry of listCommands()) {
    documents.push({
      id: `command:${entry.id}`,
      kind: 'command',
      title: `aptible ${entry.command}`,
      summary: entry.summary,
      headings: [entry.aptible, ...entry.flags.map((f) => f.name)].join(' · '),
      text: [
        ...entry.flags.map((f) => f.meaning),
        ...entry.equivalents.flatMap((e) => [e.command, e.note ?? '']),
        entry.noSingleEquivalent ?? '',
        entry.removed ? `removed in ${entry.removed.since}: ${entry.removed.replacement}` : '',
        entry.note ?? '',
      ]
        .filter(Boolean)
        .join(' '),
      url: `/commands#${entry.id}`,
    });
  }

  for (const session of listSessions()) {
    documents.push({
      id: `session:${session.id}`,
      kind: 'session',
      title: session.title,
      summary: session.summary,
      headings: [session.presenter, session.date.slice(0, 10)].join(' · '),
      text: session.agenda.join(' '),
      url: `/sessions/${session.id}`,
    });
  }

  return documents;
}

export function buildSearchIndex(documents: SearchDocument[] = buildSearchDocuments()): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(searchOptions);
  index.addAll(documents);
  return index;
}

/** The JSON the browser loads with `MiniSearch.loadJSON(json, searchOptions)`. */
export function serializeSearchIndex(index: MiniSearch<SearchDocument> = buildSearchIndex()): string {
  return JSON.stringify(index);
}
