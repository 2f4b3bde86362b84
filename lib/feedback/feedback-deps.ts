import 'server-only';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import type { FeedbackCatalog } from './feedback-catalog';
import { loadFeedbackCatalog } from './load-feedback-catalog';

/** What feedback's data functions use; each defaults to the process's own (tests pass their own). */
export interface FeedbackDeps {
  db?: BerthDb;
  /** The apps, teams, guides and sessions references are checked against. */
  catalog?: FeedbackCatalog;
  /** The clock: rate limits and timestamps read it. */
  now?: Date;
}

export interface FeedbackStores {
  db: BerthDb;
  now: Date;
  /** Read only by the functions that check references, so the others never load it. */
  catalog(): Promise<FeedbackCatalog>;
}

export async function feedbackStores(deps: FeedbackDeps = {}): Promise<FeedbackStores> {
  return {
    db: deps.db ?? (await getDb()),
    now: deps.now ?? new Date(),
    catalog: async () => deps.catalog ?? (await loadFeedbackCatalog()),
  };
}
