// Which cluster each environment reads, from KUBECONFIG and the context settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config/get-config';
import { waitFor } from '@/sandbox/kube-api/test-helpers';
import { checkClusters } from './check-clusters';
import { createKubeRuntime, loadClusterTargets } from './kube-runtime';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-kubeconfig-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function kubeconfig(contexts: string[]): string {
  const file = path.join(dir, `kubeconfig-${contexts.join('-') || 'none'}`);
  const clusters = contexts.map((c) => `  - name: ${c}\n    cluster:\n      server: http://127.0.0.1:9/clusters/${c}\n      insecure-skip-tls-verify: true`).join('\n');
  const ctx = contexts.map((c) => `  - name: ${c}\n    context:\n      cluster: ${c}\n      user: u`).join('\n');
  fs.writeFileSync(file, `apiVersion: v1\nkind: Config\nclusters:\n${clusters || '  []'}\ncontexts:\n${ctx || '  []'}\nusers:\n  - name: u\n    user:\n      token: t\ncurrent-context: ${contexts[0] ?? ''}\n`);
  return file;
}

const config = (env: Record<string, string>) => parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: dir, ...env }, dir);

describe('loadClusterTargets', () => {
  it('gives each environment its own KubeConfig on its own context', () => {
    const targets = loadClusterTargets(config({ KUBECONFIG: kubeconfig(['gke_meridian-stage', 'gke_meridian-prod']), KUBE_CONTEXT_STAGE: 'gke_meridian-stage', KUBE_CONTEXT_PRODUCTION: 'gke_meridian-prod' }));
    expect(targets.map((t) => [t.environment, t.context, 'kubeConfig' in t ? t.kubeConfig.getCurrentCluster()?.server : t.error])).toEqual([
      ['stage', 'gke_meridian-stage', 'http://127.0.0.1:9/clusters/gke_meridian-stage'],
      ['production', 'gke_meridian-prod', 'http://127.0.0.1:9/clusters/gke_meridian-prod'],
    ]);
  });

  it('names what is missing: the file, a context, in-cluster credentials', async () => {
    const missingFile = loadClusterTargets(config({ KUBECONFIG: path.join(dir, 'nope') }));
    expect(missingFile.every((t) => 'error' in t && /no kubeconfig at .*nope/.test(t.error))).toBe(true);

    const oneContext = loadClusterTargets(config({ KUBECONFIG: kubeconfig(['stage']) }));
    expect('kubeConfig' in oneContext[0]).toBe(true);
    expect(oneContext[1]).toMatchObject({ environment: 'production', error: 'the kubeconfig has no context “production”' });

    const inCluster = loadClusterTargets(config({ KUBECONFIG: kubeconfig(['stage']), KUBE_IN_CLUSTER: '1', KUBE_CONTEXT_PRODUCTION: 'in-cluster' }));
    expect(inCluster[1]).toMatchObject({ environment: 'production', context: 'in-cluster' });
    expect('error' in inCluster[1] ? inCluster[1].error : '').toMatch(/^in-cluster credentials/);

    const runtime = createKubeRuntime(oneContext, { probeIntervalMs: 0, initialBackoffMs: 20 });
    const checks = await checkClusters({ runtime, waitMs: 100 });
    expect(checks[1]).toMatchObject({ environment: 'production', reachability: 'not-configured', error: 'the kubeconfig has no context “production”' });
    // Nothing listens on port 9: the stage cluster is unreachable, and a second check does not wait for it.
    expect(checks[0].reachability).toMatch(/connecting|unreachable/);
    await waitFor(() => runtime.cluster('stage')!.state().reachability === 'unreachable', { what: 'stage to be unreachable' });
    const started = Date.now();
    const again = await checkClusters({ runtime, waitMs: 5000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(again[0]).toMatchObject({ environment: 'stage', reachability: 'unreachable', error: expect.stringMatching(/ECONNREFUSED|connect/) });
    await runtime.close();
  });
});
