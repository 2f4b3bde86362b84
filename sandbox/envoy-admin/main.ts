// The edge Envoy's admin interface on its own (tests run it as a separate process to stop it):
//   tsx sandbox/envoy-admin/main.ts [--port 9901] [--config-dir sandbox/config-repo] [--seed s] [--time-scale 20]
// Routes come from <config-dir>/apps/*/migration.yaml; every app's GKE side counts as healthy.
// Prints "ready: http://127.0.0.1:PORT" once it listens. (No top-level await: tsx runs it as CommonJS.)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMigrationFile } from '@/lib/migration/migration-file';
import type { AppMigration } from '@/lib/migration/read-migrations';
import { routesFromMigrations } from './routes-from-migrations';
import { startEnvoyAdminServer } from './server';

function readMigrations(dir: string): AppMigration[] {
  const apps = path.join(dir, 'apps');
  return fs
    .readdirSync(apps)
    .sort()
    .map((app): AppMigration => {
      const file = path.join(apps, app, 'migration.yaml');
      if (!fs.existsSync(file)) return { app, status: 'absent' };
      const parsed = parseMigrationFile(fs.readFileSync(file, 'utf8'));
      return parsed.ok ? { app, status: 'ok', migration: parsed.migration } : { app, status: 'invalid', problems: parsed.problems };
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'config-dir': { type: 'string', default: path.join(__dirname, '..', 'config-repo') },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
    },
  });
  const server = await startEnvoyAdminServer({
    routes: routesFromMigrations(readMigrations(values['config-dir'])),
    port: Number(values.port),
    seed: values.seed,
    timeScale: values['time-scale'] ? Number(values['time-scale']) : undefined,
  });
  console.log(`ready: ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`could not start the Envoy admin stand-in: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
