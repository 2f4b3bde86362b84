// The sample company's catalog parsed straight from sandbox/config-repo (no git needed), for tests
// that need real apps, teams and environments but not a repository.
import fs from 'node:fs';
import path from 'node:path';
import { parseCatalog } from '@/lib/catalog/parse-catalog';
import type { Catalog } from '@/lib/catalog/types';
import { SAMPLE_DIR } from './sample-repo';

export function sampleCatalog(): Catalog {
  const read = (file: string) => fs.readFileSync(path.join(SAMPLE_DIR, file), 'utf8');
  const apps: Record<string, string | null> = {};
  for (const entry of fs.readdirSync(path.join(SAMPLE_DIR, 'apps'), { withFileTypes: true })) {
    if (entry.isDirectory()) apps[entry.name] = read(path.join('apps', entry.name, 'app.yaml'));
  }
  return parseCatalog({ revision: 'sample', teams: read('teams.yaml'), environments: read('environments.yaml'), apps });
}
