// Where the servers a browser test starts listen, and where they keep their data. The main test
// server listens on E2E_PORT, so two checkouts can run their browser tests side by side; a spec
// that starts a Berth of its own uses a fixed offset from it and a data directory of its own.
// Playwright runs two workers, and `--repeat-each` puts a file's repeats side by side: each worker
// that runs at the same time as another (its parallel index, 0 or 1) gets its own ports and folders.
import path from 'node:path';

export const mainPort = Number(process.env.E2E_PORT ?? 3100);
const lane = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
const own = (offset: number) => mainPort + offset - 10 * lane;

export const iapPort = own(99);
export const productionPort = own(98);
export const replicaPorts = [own(96), own(97)];
/** crash-recovery.spec.ts: the Berth it kills and restarts. */
export const crashRecoveryPort = own(95);
/** silent-cluster.spec.ts: Berth with a cluster API server that stops answering. */
export const silentClusterPort = own(94);
/** cluster-address.spec.ts: Berth with a cluster and a log backend that refuse connections. */
export const refusedClusterPort = own(93);

const root = path.resolve(__dirname, '..');
/** The main test server's data: its database and config repository, which specs may read. */
export const mainDataDir = path.join(root, '.data', 'e2e');
/** A data directory of a spec's own Berth (`.data/e2e-<name>`, per parallel worker). */
export function ownDataDir(name: string): string {
  return path.join(root, '.data', lane ? `e2e-${name}-${lane}` : `e2e-${name}`);
}
