// The embedded default's sandbox process (scripts/start.mjs runs it before Berth):
//   tsx --conditions=react-server sandbox/main.ts --data-dir D [--seed N] [--time-scale N]
// Starts the sandbox Kubernetes API (stage + production, kubeconfig at D/kubeconfig), the sandbox
// Cloud Logging server, the edge Envoy's admin interface and the deployer polling D/config-repo,
// then writes D/sandbox.json.
// (No top-level await: tsx runs this entry point as CommonJS.)
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox, writeSandboxAddresses } from './deployer/start-sandbox';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: process.env.BERTH_DATA_DIR ?? '.data' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      'kube-port': { type: 'string' },
      'logging-port': { type: 'string' },
      'envoy-port': { type: 'string' },
    },
  });
  const dataDir = path.resolve(values['data-dir']);
  const timeScale = values['time-scale'] ? Number(values['time-scale']) : undefined;
  if (timeScale !== undefined && !(timeScale > 0)) throw new Error(`--time-scale must be a positive number (got "${values['time-scale']}")`);
  const sandbox = await startSandbox({
    dataDir,
    configRepoDir: process.env.CONFIG_REPO_DIR ? path.resolve(process.env.CONFIG_REPO_DIR) : undefined,
    branch: process.env.CONFIG_REPO_BRANCH || undefined,
    seed: values.seed,
    timeScale,
    kubePort: values['kube-port'] ? Number(values['kube-port']) : undefined,
    loggingPort: values['logging-port'] ? Number(values['logging-port']) : undefined,
    envoyPort: values['envoy-port'] ? Number(values['envoy-port']) : undefined,
  });
  const file = await writeSandboxAddresses(dataDir, sandbox.addresses);
  console.log(`ready: ${file}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`could not start the sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
