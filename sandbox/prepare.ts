// First start of the embedded default: make the local config repository from the sample.
// (No top-level await: tsx runs these entry points as CommonJS, since package.json sets no "type".)
import path from 'node:path';
import { getConfig } from '@/lib/config/get-config';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';
import { migrationHistory } from './migration-history';

async function main() {
  const config = getConfig();
  const created = await ensureConfigRepo({
    dir: config.configRepoDir,
    sampleDir: path.join(__dirname, 'config-repo'),
    branch: config.CONFIG_REPO_BRANCH,
    // The board's burn-up gets the sample company's autumn to draw (sandbox/migration-history.ts).
    history: migrationHistory(path.join(__dirname, 'config-repo')),
  });
  console.log(
    created
      ? `Created the config repository at ${config.configRepoDir} from the sample.`
      : `Using the config repository at ${config.configRepoDir}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
