import 'server-only';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';

/** What who-may-read-logs (access, break-glass, unmask, notices) uses; each defaults to the process's own (tests pass their own). */
export interface LogAccessDeps {
  db?: BerthDb;
  /** The apps, their teams and environments. */
  catalog?: Catalog;
  /** The clock grants and notices are measured against. */
  now?: Date;
}

export interface LogAccessStores {
  db: BerthDb;
  now: Date;
  /** Read only by the functions that need it, so the others never load it. */
  catalog(): Promise<Catalog>;
}

export async function logAccessStores(deps: LogAccessDeps = {}): Promise<LogAccessStores> {
  return {
    db: deps.db ?? (await getDb()),
    now: deps.now ?? new Date(),
    catalog: async () => deps.catalog ?? (await loadCatalog()),
  };
}
