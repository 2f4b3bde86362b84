import 'server-only';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { verifyReadable } from '@/lib/gitops/heal-clone';
import { headRevision, listFolder, readFile } from '@/lib/gitops/read-repo';
import { parseCatalog } from './parse-catalog';
import type { Catalog } from './types';

// The catalog changes only with a commit: keep the last one parsed per repository and re-read
// only when the branch head moved (one ref lookup per request).
const cache = new Map<string, Catalog>();

export async function loadCatalog(repo: ConfigRepo = getConfigRepo()): Promise<Catalog> {
  // A branch that cannot be read is reported as such (RepositoryDamagedError), never as an
  // empty catalog: "there is no app called …" would be a lie.
  const revision = await headRevision(repo).catch(() => verifyReadable(repo));
  const cached = cache.get(repo.dir);
  if (cached?.revision === revision) return cached;
  await verifyReadable(repo);
  const [teams, environments, folders] = await Promise.all([
    readFile(repo, 'teams.yaml', revision),
    readFile(repo, 'environments.yaml', revision),
    listFolder(repo, 'apps', revision),
  ]);
  const apps: Record<string, string | null> = {};
  await Promise.all(
    folders
      .filter((entry) => entry.type === 'folder')
      .map(async (entry) => {
        apps[entry.name] = await readAppFile(repo, entry.name, revision);
      }),
  );
  const catalog = parseCatalog({ revision, teams, environments, apps });
  cache.set(repo.dir, catalog);
  return catalog;
}

async function readAppFile(repo: ConfigRepo, folder: string, revision: string): Promise<string | null> {
  try {
    return await readFile(repo, `apps/${folder}/app.yaml`, revision);
  } catch {
    return null; // a folder name that is not a safe path; parseCatalog reports it
  }
}
