import 'server-only';
import { type ConfigRepo, getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, listFolder, readFile } from '@/lib/gitops/read-repo';
import { type MigrationFileProblem, migrationFilePath, parseMigrationFile, type MigrationFile } from './migration-file';

/** One app's migration.yaml at a revision: absent, readable, or broken with its problems. */
export type AppMigration =
  | { app: string; status: 'absent' }
  | { app: string; status: 'ok'; migration: MigrationFile }
  | { app: string; status: 'invalid'; problems: MigrationFileProblem[] };

export async function readMigration(repo: ConfigRepo, app: string, revision?: string): Promise<AppMigration> {
  const text = await readFile(repo, migrationFilePath(app), revision);
  if (text === null) return { app, status: 'absent' };
  const parsed = parseMigrationFile(text);
  return parsed.ok ? { app, status: 'ok', migration: parsed.migration } : { app, status: 'invalid', problems: parsed.problems };
}

/** Every app folder's migration.yaml at one revision (default: the branch head), by folder name. */
export async function readAllMigrations(repo: ConfigRepo, revision?: string): Promise<AppMigration[]> {
  const at = revision ?? (await headRevision(repo));
  const folders = (await listFolder(repo, 'apps', at)).filter((entry) => entry.type === 'folder').map((entry) => entry.name);
  return Promise.all(folders.sort().map((app) => readMigration(repo, app, at)));
}

/** An app's migration.yaml at the branch head, for a page that has already found the app. */
export async function readAppMigration(app: string, deps: { repo?: ConfigRepo } = {}): Promise<AppMigration> {
  return readMigration(deps.repo ?? getConfigRepo(), app);
}
