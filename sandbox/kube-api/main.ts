// CLI: `npx tsx sandbox/kube-api/main.ts --port 6443 --kubeconfig .data/kubeconfig`
// Starts the sandbox Kubernetes API (stage + production), writes a kubeconfig for it, and runs the
// built-in demo apps until a config-repo watcher feeds real desired state through
// `server.applyDesiredState(cluster, apps)` (see startSandboxKubeApi).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { demoApps } from './demo-apps';
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from './server';

export interface SandboxKubeApiOptions extends Partial<KubeApiServerOptions> {
  kubeconfigPath: string;
  /** Run the built-in demo apps (default true). */
  demo?: boolean;
}

/** Starts the server, writes the kubeconfig and (optionally) the demo apps; for embedding. */
export async function startSandboxKubeApi(options: SandboxKubeApiOptions): Promise<KubeApiServer> {
  const server = await startKubeApiServer({ ...options, clusters: options.clusters ?? ['stage', 'production'] });
  await server.writeKubeconfig(options.kubeconfigPath);
  if (options.demo ?? true) for (const cluster of server.clusters) server.applyDesiredState(cluster, demoApps(cluster));
  return server;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      kubeconfig: { type: 'string', default: '.data/kubeconfig' },
      clusters: { type: 'string', default: 'stage,production' },
      seed: { type: 'string' },
      'time-scale': { type: 'string', default: '1' },
      'no-demo': { type: 'boolean', default: false },
      istio: { type: 'boolean', default: false },
    },
  });
  const clusters = values.clusters.split(',').map((c) => c.trim()).filter(Boolean);
  const kubeconfigPath = resolve(values.kubeconfig);
  const server = await startSandboxKubeApi({
    port: Number(values.port),
    host: values.host,
    clusters,
    seed: values.seed,
    timeScale: Number(values['time-scale']),
    istioSidecarClusters: values.istio ? clusters : [],
    kubeconfigPath,
    demo: !values['no-demo'],
  });
  console.log(`sandbox kube-api listening on ${server.url} (clusters: ${clusters.join(', ')}; kubeconfig: ${kubeconfigPath})`);
  const stop = () => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
