// 5a. Logs: the first page (200 entries) of one app's logs through Berth's Cloud Logging source
//     against the sandbox gRPC server holding a large feed, against the Kubernetes source reading
//     the same lines as pod logs through the sandbox API server.
import { KubeConfig } from '@kubernetes/client-node';
import { CloudLoggingSource } from '@/lib/logs/cloud-logging-source';
import { KubernetesSource } from '@/lib/logs/kubernetes-source';
import type { LogQuery } from '@/lib/logs/log-entry';
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { type SandboxLogRecord, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import type { Pod } from '@/sandbox/kube-api/kube-types';
import { createRandom } from '@/sandbox/kube-api/random';
import { startKubeApiServer } from '@/sandbox/kube-api/server';
import { onCleanup } from './cleanup';
import { sample, summarize } from './measure';
import { ms, type SectionResult, speedup } from './report';

export interface LogsBenchOptions {
  records: number;
  samples: number;
}

const APPS = 100;
const PODS_PER_APP = 4;
const PAGE_SIZE = 200;
const PROJECT = 'meridian-stage';
const CLUSTER = 'gke-stage';
const TARGET_APP = 'claims-api';

function lineText(random: ReturnType<typeof createRandom>, i: number): { text: string; stream: 'stdout' | 'stderr' } {
  const roll = random.next();
  if (roll < 0.6) return { text: `10.64.${i % 255}.${(i * 7) % 255} - - "GET /api/v1/claims/${i} HTTP/1.1" 200 ${random.int(200, 9000)} ${random.int(2, 900)}ms`, stream: 'stdout' };
  if (roll < 0.9) {
    const severity = roll < 0.85 ? 'INFO' : 'WARNING';
    return { text: JSON.stringify({ severity, message: `claim ${i} processed`, claimId: `C-${i}`, durationMs: random.int(2, 900) }), stream: 'stdout' };
  }
  return { text: `Error: upstream eligibility check timed out after ${random.int(1, 30)}s (claim C-${i})`, stream: 'stderr' };
}

export async function benchLogs(options: LogsBenchOptions, log: (line: string) => void): Promise<SectionResult> {
  const random = createRandom('logs');
  const now = Date.now();
  const spanMs = 6 * 3_600_000;
  const perPod = Math.ceil(options.records / (APPS * PODS_PER_APP));
  const feed = new MemoryLogFeed(options.records + 1);
  const targetLines = new Map<string, SandboxLogRecord[]>();
  log(`logs: ${options.records.toLocaleString('en-US')} log records for ${APPS} apps × ${PODS_PER_APP} pods`);
  let sequence = 0;
  const records: SandboxLogRecord[] = [];
  for (let a = 0; a < APPS; a++) {
    const app = a === 0 ? TARGET_APP : `service-${a}`;
    for (let p = 0; p < PODS_PER_APP; p++) {
      const pod = `${app}-web-7c9f${p}d8b6-${random.suffix(5)}`;
      const labels = { 'app.kubernetes.io/instance': app, 'app.kubernetes.io/component': 'web', 'app.kubernetes.io/name': app };
      for (let l = 0; l < perPod && records.length < options.records; l++) {
        const { text, stream } = lineText(random, l);
        const record: SandboxLogRecord = {
          cluster: CLUSTER,
          projectId: PROJECT,
          namespace: app,
          pod,
          container: 'web',
          podLabels: labels,
          time: new Date(now - spanMs + Math.floor((l / perPod) * spanMs) + random.int(0, 999)),
          nanos: random.int(0, 999_999),
          text,
          stream,
          insertId: `stage-${(++sequence).toString(36).padStart(8, '0')}`,
          node: 'gke-stage-default-pool-0a1b2c3d-x7k2',
        };
        records.push(record);
        if (app === TARGET_APP) targetLines.set(pod, [...(targetLines.get(pod) ?? []), record]);
      }
    }
  }
  // The feed holds lines in arrival order: all pods interleaved by time, as the agent ships them.
  records.sort((x, y) => x.time.getTime() - y.time.getTime() || (x.nanos ?? 0) - (y.nanos ?? 0));
  for (let i = 0; i < records.length; i += 10_000) feed.push(...records.slice(i, i + 10_000));

  const logging = await startCloudLoggingServer({ feed, projectId: PROJECT });
  const stopLogging = onCleanup('sandbox cloud-logging', () => logging.close());
  // The same query against a feed of only the app's own lines: what is left is Berth's side
  // (client library, gRPC, mapping) plus a small scan.
  const smallFeed = new MemoryLogFeed(options.records + 1);
  smallFeed.push(...records.filter((r) => r.namespace === TARGET_APP));
  const smallLogging = await startCloudLoggingServer({ feed: smallFeed, projectId: PROJECT });
  const stopSmallLogging = onCleanup('sandbox cloud-logging (small)', () => smallLogging.close());
  const smallCloud = new CloudLoggingSource({ projectId: PROJECT, endpoint: smallLogging.endpoint, timeoutMs: 60_000 });
  const stopSmallCloud = onCleanup('cloud logging client (small)', () => smallCloud.close());
  const kube = await startKubeApiServer({ clusters: ['stage'], seed: 'logs' });
  const stopKube = onCleanup('sandbox kube-api (logs)', () => kube.close());
  // Generous deadlines: a slow answer on a busy machine is a figure, not a failure.
  const cloud = new CloudLoggingSource({ projectId: PROJECT, endpoint: logging.endpoint, timeoutMs: 60_000 });
  const stopCloud = onCleanup('cloud logging client', () => cloud.close());
  try {
    // The same lines as pod logs: the target app's pods, each container's log in the kubelet store.
    kube.simulator('stage').close();
    const store = kube.store('stage');
    store.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: TARGET_APP }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    for (const [pod, lines] of targetLines) {
      const containerId = `containerd://${random.hex(64)}`;
      const created = store.create<Pod>('pods', {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: pod, namespace: TARGET_APP, labels: { ...lines[0].podLabels } },
        spec: { containers: [{ name: 'web', image: `us-central1-docker.pkg.dev/meridian-shared/apps/${TARGET_APP}:1`, resources: {} }], nodeName: 'gke-stage-default-pool-0a1b2c3d-x7k2', restartPolicy: 'Always', terminationGracePeriodSeconds: 30 } as Pod['spec'],
        status: { phase: 'Running', containerStatuses: [{ name: 'web', image: 'x', imageID: '', containerID: containerId, ready: true, started: true, restartCount: 0, state: { running: { startedAt: lines[0].time.toISOString() } }, lastState: {} }] },
      });
      const instance = { cluster: 'stage', namespace: TARGET_APP, pod, podUid: created.metadata.uid ?? '', container: 'web', containerId, labels: lines[0].podLabels, nodeName: 'gke-stage-default-pool-0a1b2c3d-x7k2' };
      kube.logs('stage').start(instance);
      for (const line of lines) kube.logs('stage').append(containerId, { time: line.time.getTime(), nanos: line.nanos ?? 0, stream: line.stream, text: line.text });
    }
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(kube.kubeconfig());
    const pods = new KubernetesSource(kubeConfig, { timeoutMs: 60_000 });

    const query: LogQuery = { app: TARGET_APP, namespace: TARGET_APP, environment: 'stage', cluster: CLUSTER, pageSize: PAGE_SIZE };
    const [first, second] = [await cloud.query(query), await pods.query(query)];
    if (first.entries.length !== PAGE_SIZE || second.entries.length !== PAGE_SIZE) throw new Error(`first pages have ${first.entries.length} and ${second.entries.length} entries, not ${PAGE_SIZE}`);
    if (first.entries[0].time !== second.entries[0].time) throw new Error(`the two sources disagree on the newest line (${first.entries[0].time} vs ${second.entries[0].time})`);
    log(`logs: first page of ${PAGE_SIZE} through Cloud Logging and through pod logs, ${options.samples} times each`);
    const berth = summarize(await sample(() => cloud.query(query), { samples: options.samples, maxMs: 30_000, warmup: 1 }));
    const baseline = summarize(await sample(() => pods.query(query), { samples: options.samples, maxMs: 30_000, warmup: 1 }));
    const small = summarize(await sample(() => smallCloud.query(query), { samples: options.samples, maxMs: 30_000, warmup: 1 }));
    const targetCount = [...targetLines.values()].reduce((n, l) => n + l.length, 0);
    return {
      rows: [
        { section: '5', measure: `logs first page p50 (${PAGE_SIZE} of ${(options.records / 1000).toFixed(0)}k entries, Cloud Logging)`, berth: ms(berth.p50), baseline: `${ms(baseline.p50)} (pod logs)`, ratio: speedup(berth.p50, baseline.p50).text, target: '—' },
        { section: '5', measure: 'logs first page p95', berth: ms(berth.p95), baseline: `${ms(baseline.p95)} (pod logs)`, ratio: speedup(berth.p95, baseline.p95).text, target: '—' },
        { section: '5', measure: `logs first page p50, feed of the app's ${(targetCount / 1000).toFixed(0)}k lines only`, berth: ms(small.p50), baseline: `${ms(baseline.p50)} (pod logs)`, ratio: speedup(small.p50, baseline.p50).text, target: '—' },
      ],
      raw: { records: options.records, appLines: targetCount, pageSize: PAGE_SIZE, cloudLogging: berth, podLogs: baseline, cloudLoggingSmallFeed: small },
      notes: [
        `5a: Berth = CloudLoggingSource.query (gRPC, @google-cloud/logging) for one app's newest ${PAGE_SIZE} entries against the sandbox Cloud Logging server holding ${options.records.toLocaleString('en-US')} records of ${APPS} apps — the sandbox answers by scanning its whole feed (real Cloud Logging uses indexes), so this is an upper bound (the row with a feed of only the app's lines shows what remains without that scan); baseline = KubernetesSource.query reading the same app's ${targetCount.toLocaleString('en-US')} lines as pod logs (${PODS_PER_APP} pods, tailLines) through the sandbox API server.`,
      ],
    };
  } finally {
    await stopSmallCloud();
    await stopCloud();
    await stopKube();
    await stopSmallLogging();
    await stopLogging();
  }
}
