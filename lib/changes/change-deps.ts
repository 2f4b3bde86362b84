import 'server-only';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';

/** Where change requests live; each defaults to the process's own (tests pass their own). */
export interface ChangeDeps {
  db?: BerthDb;
  repo?: ConfigRepo;
  /** The apps and teams; read from `repo` when not given. */
  catalog?: Catalog;
}

export interface ChangeStores {
  db: BerthDb;
  repo: ConfigRepo;
  /** Read only by the functions that need it, so the others never load it. */
  catalog(): Promise<Catalog>;
}

export async function changeStores(deps: ChangeDeps = {}): Promise<ChangeStores> {
  const repo = deps.repo ?? getConfigRepo();
  return { db: deps.db ?? (await getDb()), repo, catalog: async () => deps.catalog ?? (await loadCatalog(repo)) };
}
