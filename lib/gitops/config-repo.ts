import 'server-only';
import fs from 'node:fs';
import { getConfig } from '@/lib/config/get-config';

/** A handle on one config repository: where it is, and isomorphic-git's object cache for it. */
export interface ConfigRepo {
  dir: string;
  branch: string;
  /** Passed to every isomorphic-git call; caches packfile indexes between reads. */
  cache: object;
  fs: typeof fs;
}

const handles = new Map<string, ConfigRepo>();

export function openConfigRepo(dir: string, branch = 'main'): ConfigRepo {
  const key = `${dir}#${branch}`;
  let repo = handles.get(key);
  if (!repo) {
    repo = { dir, branch, cache: {}, fs };
    handles.set(key, repo);
  }
  return repo;
}

/** The repository Berth is configured to use. */
export function getConfigRepo(): ConfigRepo {
  const config = getConfig();
  return openConfigRepo(config.configRepoDir, config.CONFIG_REPO_BRANCH);
}
