// Every server a browser test starts listens on E2E_PORT (the main test server) or a fixed offset
// from it, so two checkouts can run their browser tests side by side on one machine.
export const mainPort = Number(process.env.E2E_PORT ?? 3100);
export const iapPort = mainPort + 99;
export const productionPort = mainPort + 98;
export const replicaPorts = [mainPort + 96, mainPort + 97];
/** cluster-address.spec.ts: Berth with a cluster and a log backend that refuse connections. */
export const refusedClusterPort = mainPort + 93;
