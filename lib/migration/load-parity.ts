import 'server-only';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import type { App } from '@/lib/catalog/types';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { mergeLayers, parseLayers } from '@/lib/values';
import { type AptibleFacts, computeParity, type EnvironmentValues, type ParityMapping, type ParityReport, parityFromMigrationFile } from './compute-parity';
import { readMigration } from './read-migrations';

/** The app's merged values in each of its environments, at one revision (layers that do not parse are left out). */
export async function loadEffectiveValues(repo: ConfigRepo, app: App, revision?: string): Promise<EnvironmentValues[]> {
  const at = revision ?? (await headRevision(repo));
  return Promise.all(
    app.environments.map(async (environment) => {
      const context = await loadValuesContext(repo, app, environment, at);
      return { environment, values: mergeLayers(parseLayers(context.layers).parsed) };
    }),
  );
}

/**
 * Parity of an app: against a fresh paste when `facts` is given (with migration.yaml's dropped keys
 * and mappings), else against what migration.yaml recorded. Null when there is neither.
 */
export async function loadParity(repo: ConfigRepo, app: App, options: { facts?: AptibleFacts; revision?: string } = {}): Promise<ParityReport | null> {
  const at = options.revision ?? (await headRevision(repo));
  const migration = await readMigration(repo, app.name, at);
  const recorded = migration.status === 'ok' && migration.migration.parity ? parityFromMigrationFile(migration.migration.parity) : undefined;
  const facts = options.facts ?? recorded?.facts;
  if (!facts) return null;
  const mapping: ParityMapping = recorded?.mapping ?? {};
  return computeParity(facts, mapping, await loadEffectiveValues(repo, app, at));
}
