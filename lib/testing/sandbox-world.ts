// The sample config repository deployed by the sandbox (Kubernetes API, Cloud Logging, the
// deployer) in this process, with Berth's real informers on it and a SQLite database: what an
// end-to-end test inside one process reads. Closing it stops everything it started, in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BerthConfig, parseConfig } from '@/lib/config/get-config';
import { type BerthDb, createDb } from '@/lib/db/create-db';
import { createKubeRuntime, type KubeRuntime, loadClusterTargets } from '@/lib/kube/kube-runtime';
import { type Sandbox, startSandbox } from '@/sandbox/deployer/start-sandbox';
import { makeSampleRepo } from './sample-repo';

export interface SandboxWorld {
  sample: Awaited<ReturnType<typeof makeSampleRepo>>;
  dataDir: string;
  sandbox: Sandbox;
  config: BerthConfig;
  runtime: KubeRuntime;
  db: BerthDb;
  close(): Promise<void>;
}

export async function startSandboxWorld(options: {
  /** The sandbox's seed: the same seed, the same pods and lines. */
  seed: string;
  /** Settings beyond the sandbox's own (LOG_SOURCE, say). */
  env?: Record<string, string>;
  /** The deployer's lines (printed when not given). */
  log?: (line: string) => void;
}): Promise<SandboxWorld> {
  const started: Partial<SandboxWorld> = {};
  const close = async () => {
    await started.db?.destroy();
    await started.runtime?.close();
    await started.sandbox?.close();
    started.sample?.cleanup();
    if (started.dataDir) fs.rmSync(started.dataDir, { recursive: true, force: true });
  };
  try {
    const sample = (started.sample = await makeSampleRepo());
    const dataDir = (started.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sandbox-world-')));
    // The deployer polls rarely here: the tests call syncNow() to deploy exactly when they mean to.
    const sandbox = (started.sandbox = await startSandbox({ dataDir, configRepoDir: sample.dir, seed: options.seed, timeScale: 50, deployIntervalMs: 60_000, log: options.log }));
    const config = parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: dataDir, KUBECONFIG: sandbox.addresses.kubeconfig, BERTH_SANDBOX: '1', ...options.env }, dataDir);
    const runtime = (started.runtime = createKubeRuntime(loadClusterTargets(config), { initialBackoffMs: 50, maxBackoffMs: 250, probeIntervalMs: 0 }));
    const db = (started.db = await createDb({ url: `file:${path.join(dataDir, 'berth.db')}` }));
    return { sample, dataDir, sandbox, config, runtime, db, close };
  } catch (error) {
    await close();
    throw error;
  }
}
