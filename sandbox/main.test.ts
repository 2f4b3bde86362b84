// sandbox/main.ts as scripts/start.mjs runs it: a separate process that writes sandbox.json with
// working addresses, deploys the config repository, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureConfigRepo } from '@/lib/gitops/ensure-config-repo';
import { SAMPLE_DIR } from '@/lib/testing/sample-repo';
import { waitFor } from '@/sandbox/kube-api/test-helpers';

const root = path.resolve(__dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sandbox-main-'));
let child: ChildProcess | undefined;
let output = '';

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('sandbox/main.ts', () => {
  it('starts the clusters, Cloud Logging and the deployer, writes sandbox.json, and stops on SIGTERM', async () => {
    await ensureConfigRepo({ dir: path.join(dataDir, 'config-repo'), sampleDir: SAMPLE_DIR });
    // Node with tsx's loader rather than the tsx wrapper: the wrapper relays signals with a 30 ms
    // handshake and SIGKILLs its child when a loaded machine misses it, which is not what is tested.
    const args = ['--import', 'tsx', '--conditions=react-server', path.join(root, 'sandbox', 'main.ts'), '--data-dir', dataDir, '--seed', '7', '--time-scale', '20'];
    child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, BERTH_DATA_DIR: dataDir, CONFIG_REPO_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const addressFile = path.join(dataDir, 'sandbox.json');
    const addresses = await waitFor(() => fs.existsSync(addressFile) && (JSON.parse(fs.readFileSync(addressFile, 'utf8')) as Record<string, string>), {
      what: `sandbox.json (output so far: ${output})`,
      timeoutMs: 30_000,
    });
    expect(Object.keys(addresses).sort()).toEqual(['cloudLoggingEndpoint', 'envoyAdminEndpoint', 'kubeApiUrl', 'kubeconfig']);
    expect(addresses.kubeconfig).toBe(path.join(dataDir, 'kubeconfig'));
    expect(output).toMatch(/^started: Kubernetes API http:\/\/127\.0\.0\.1:\d+/m);

    const kc = new KubeConfig();
    kc.loadFromFile(addresses.kubeconfig);
    expect(kc.getContexts().map((c) => c.name).sort()).toEqual(['production', 'stage']);
    kc.setCurrentContext('production');
    const deployments = await waitFor(async () => {
      const list = await kc.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces({ labelSelector: 'app.kubernetes.io/instance' });
      return list.items.length >= 10 ? list.items : undefined;
    }, { what: 'the deployer to deploy the sample apps' });
    expect(deployments.every((d) => /^[0-9a-f]{40}$/.test(d.spec?.template.metadata?.annotations?.['berth.dev/config-revision'] ?? ''))).toBe(true);
    expect(output).toMatch(/deployer: production: deploy patient-portal at [0-9a-f]{7} \(web×3, worker×2\)/);

    const [host, port] = addresses.cloudLoggingEndpoint.split(':');
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), host, () => {
        socket.end();
        resolve();
      });
      socket.on('error', reject);
    });

    // The edge Envoy's routes come from the apps' migration.yaml: provider-api is mid-cutover at 25 %.
    const runtime = (await (await fetch(`http://${addresses.envoyAdminEndpoint}/runtime`)).json()) as { entries: Record<string, { final_value: string }> };
    expect(runtime.entries['routing.traffic_shift.provider-api'].final_value).toBe('25');
    expect(runtime.entries['routing.traffic_shift.patient-portal'].final_value).toBe('100');
    expect(output).toMatch(/Envoy admin http:\/\/127\.0\.0\.1:\d+/);

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping');
  });
});
