import 'server-only';

import { cached, contentFileName, parseYaml, readContentFile } from './read-content';
import { conceptsFileSchema, ContentError, parseContent, type Concept } from './schemas';

const FILE = 'concepts.yaml';

/** Parses content/concepts.yaml; exported so tests can feed it broken content. */
export function parseConceptsSource(source: string): Concept[] {
  const file = contentFileName(FILE);
  const { concepts } = parseContent(conceptsFileSchema, parseYaml(source, file), file);
  const seen = new Set<string>();
  for (const [index, concept] of concepts.entries()) {
    if (seen.has(concept.id)) {
      throw new ContentError(file, [{ path: `concepts[${index}].id`, message: `duplicate id "${concept.id}"` }]);
    }
    seen.add(concept.id);
  }
  return concepts;
}

/** The concept map, Aptible concept → GCP/GKE equivalent, in the file's order. */
export function listConcepts(): Concept[] {
  return cached('concepts', () => parseConceptsSource(readContentFile(FILE)));
}

export function getConcept(id: string): Concept | null {
  return listConcepts().find((concept) => concept.id === id) ?? null;
}
