// The embedded default's stand-ins in one call: the Kubernetes API (clusters stage and production,
// kubeconfig written to the data directory), the Cloud Logging gRPC server fed from the pods' log
// lines, the deployer that keeps both clusters running what the config repository says, and the
// edge Envoy's admin interface (routes from the apps' migration.yaml, GKE side from production).
import fs from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENT_NAMES } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { openConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision } from '@/lib/gitops/read-repo';
import { readAllMigrations } from '@/lib/migration/read-migrations';
import { podBackendHealth } from '@/sandbox/envoy-admin/backend-health';
import { routesFromMigrations } from '@/sandbox/envoy-admin/routes-from-migrations';
import { type EnvoyAdminServer, startEnvoyAdminServer } from '@/sandbox/envoy-admin/server';
import { type CloudLoggingServer, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { type Deployer, startDeployer } from './deploy-config-repo';
import { type ClusterIdentity, startPodLogFeed } from './pod-log-feed';

export interface SandboxOptions {
  dataDir: string;
  /** Default: <dataDir>/config-repo. */
  configRepoDir?: string;
  branch?: string;
  /** Seeded runs are deterministic and calm (no random churn). */
  seed?: string;
  timeScale?: number;
  kubePort?: number;
  loggingPort?: number;
  envoyPort?: number;
  /** Real milliseconds between two looks at the config repository (default 1000). */
  deployIntervalMs?: number;
  log?: (line: string) => void;
}

export interface SandboxAddresses {
  kubeApiUrl: string;
  kubeconfig: string;
  cloudLoggingEndpoint: string;
  /** host:port of the edge Envoy's admin interface (ENVOY_ADMIN_ENDPOINT for Berth). */
  envoyAdminEndpoint: string;
}

export interface Sandbox {
  kube: KubeApiServer;
  logging: CloudLoggingServer;
  envoy: EnvoyAdminServer;
  deployer: Deployer;
  addresses: SandboxAddresses;
  close(): Promise<void>;
}

const DEFAULT_IDENTITIES: Record<string, ClusterIdentity> = {
  stage: { cluster: 'gke-stage', projectId: 'meridian-stage' },
  production: { cluster: 'gke-production', projectId: 'meridian-prod' },
};

/** A random disturbance (crash, readiness blip, log burst) every few minutes, in the unseeded demo. */
const DEMO_CHURN_PER_SECOND = 1 / 240;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(options.dataDir);
  const repo = openConfigRepo(options.configRepoDir ?? path.join(dataDir, 'config-repo'), options.branch ?? 'main');

  // Cluster and project names from environments.yaml, as GKE's logging agent labels the lines.
  const identities = { ...DEFAULT_IDENTITIES };
  try {
    const catalog = await loadCatalog(repo);
    for (const env of catalog.environments) identities[env.name] = { cluster: env.cluster, projectId: env.project };
  } catch (error) {
    log(`environments.yaml unreadable (${error instanceof Error ? error.message : String(error)}); using the default cluster names`);
  }

  const kube = await startKubeApiServer({ clusters: [...ENVIRONMENT_NAMES], seed: options.seed, timeScale: options.timeScale, port: options.kubePort });
  const closers: (() => Promise<void> | void)[] = [() => kube.close()];
  try {
    const kubeconfig = path.join(dataDir, 'kubeconfig');
    await kube.writeKubeconfig(kubeconfig);
    const logs = startPodLogFeed(kube, identities);
    closers.unshift(() => logs.close());
    const logging = await startCloudLoggingServer({
      feed: logs.feed,
      port: options.loggingPort ?? 0,
      projectId: Object.values(identities).map((i) => i.projectId),
    });
    closers.unshift(() => logging.close());
    const deployer = startDeployer({
      repo,
      targets: ENVIRONMENT_NAMES.map((environment) => ({ environment, apply: (apps) => kube.applyDesiredState(environment, apps) })),
      intervalMs: options.deployIntervalMs,
      log: (line) => log(`deployer: ${line}`),
    });
    closers.unshift(() => deployer.close());
    if (options.seed === undefined) {
      for (const cluster of kube.clusters) closers.unshift(kube.simulator(cluster).startChurn(DEMO_CHURN_PER_SECOND));
    }
    const envoy = await startEnvoyAdminServer({
      routes: await edgeRoutes(),
      port: options.envoyPort ?? 0,
      seed: options.seed,
      timeScale: options.timeScale,
      backendHealth: podBackendHealth(kube.store('production')),
    });
    closers.unshift(() => envoy.close());
    closers.unshift(followEdgeRoutes(envoy, options.deployIntervalMs ?? 1000));
    const addresses: SandboxAddresses = { kubeApiUrl: kube.url, kubeconfig, cloudLoggingEndpoint: logging.endpoint, envoyAdminEndpoint: envoy.endpoint };
    log(
      `started: Kubernetes API ${kube.url} (clusters ${kube.clusters.join(', ')}; kubeconfig ${kubeconfig}), Cloud Logging ${logging.endpoint}, Envoy admin ${envoy.url}, config repository ${repo.dir}` +
        `${options.seed !== undefined ? `, seed ${options.seed}` : ''}${options.timeScale ? `, time ×${options.timeScale}` : ''}`,
    );
    let closing: Promise<void> | undefined;
    return {
      kube,
      logging,
      envoy,
      deployer,
      addresses,
      close() {
        closing ??= (async () => {
          for (const close of closers) await close();
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }

  async function edgeRoutes() {
    try {
      return routesFromMigrations(await readAllMigrations(repo));
    } catch (error) {
      log(`edge Envoy: the apps' migration.yaml files are unreadable (${error instanceof Error ? error.message : String(error)}); no routes`);
      return [];
    }
  }

  /** Re-reads the routes when the branch head moves, as the edge proxy's CDS/RDS would follow. */
  function followEdgeRoutes(envoy: EnvoyAdminServer, intervalMs: number): () => void {
    let lastHead: string | undefined;
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const look = async () => {
      try {
        const head = await headRevision(repo);
        if (head !== lastHead) {
          if (lastHead !== undefined) envoy.proxy.configure(await edgeRoutes());
          lastHead = head;
        }
      } catch (error) {
        log(`edge Envoy: could not read the config repository (${error instanceof Error ? error.message : String(error)})`);
      }
      if (!stopped) timer = setTimeout(() => void look(), intervalMs);
    };
    void look();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }
}

/** start.mjs waits for this file before starting Berth. */
export async function writeSandboxAddresses(dataDir: string, addresses: SandboxAddresses): Promise<string> {
  const file = path.join(path.resolve(dataDir), 'sandbox.json');
  const temporary = `${file}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(addresses, null, 2) + '\n');
  await fs.rename(temporary, file);
  return file;
}
