// A LogSource whose entries come out masked: the source underneath filters, pages and follows on
// the lines as they are (so a search still finds a masked value, and page tokens stay valid);
// only what leaves for the reader is masked.
import type { App } from '@/lib/catalog/types';
import type { LogSource } from './log-source';
import { createMasker, type Masker } from './mask-phi';

export function maskingSource(source: LogSource, masker: Masker): LogSource {
  return {
    async query(q, signal) {
      const page = await source.query(q, signal);
      return { ...page, entries: page.entries.map((entry) => masker.maskEntry(entry)) };
    },
    tail(q, onEntry, signal) {
      return source.tail(q, (entry) => onEntry(masker.maskEntry(entry)), signal);
    },
  };
}

const maskers = new Map<string, { config: string; masker: Masker }>();

/** The app's masker (its app.yaml patterns on top of the defaults), built once per configuration. */
export function maskerFor(app: Pick<App, 'name' | 'logMasking'>): Masker {
  const config = JSON.stringify(app.logMasking ?? {});
  const cached = maskers.get(app.name);
  if (cached?.config === config) return cached.masker;
  const masker = createMasker(app.logMasking);
  maskers.set(app.name, { config, masker });
  return masker;
}
