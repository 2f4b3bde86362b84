// 1. App status: one app's status from Berth's informer caches (getAppStatus) against listing the
//    objects from the API server per request, with 100 apps, 2 clusters and growing pod counts.
// 3. Memory of the informer caches per 1,000 pods against the JSON the API server lists them as.
import { ENVIRONMENT_NAMES, type EnvironmentName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import type { App } from '@/lib/catalog/types';
import { parseConfig } from '@/lib/config/get-config';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import type { ClusterState } from '@/lib/kube/app-status';
import { getAppStatus, statusOf } from '@/lib/kube/get-app-status';
import { loadClusterTargets } from '@/lib/kube/kube-runtime';
import { listAppStatus, makeListClients, type ListClients } from './list-app-status';
import { sample, type Summary, summarize, timeOnce } from './measure';
import type { DesiredState } from './render-desired-state';
import { mb, ms, type Row, type SectionResult, speedup } from './report';
import { type SeededWorld, startSeededWorld } from './start-seeded-world';
import type { BerthUser } from '@/lib/auth/user';

export interface StatusBenchOptions {
  repo: ConfigRepo;
  desired: DesiredState;
  /** The apps whose status is measured (the sample company's, at their own sizes). */
  measuredApps: string[];
  sizes: number[];
  dataDir: string;
  /** Berth samples per size; the baseline gets one sample per `berthPerBaseline` of them. */
  samples: number;
  berthPerBaseline: number;
  maxMsPerSize: number;
}

interface SizeResult {
  pods: number;
  events: number;
  seedMs: number;
  syncMs: number;
  berth: Summary;
  baseline: Summary;
  cacheHeapBytes: number;
  jsonBytes: number;
  jsonPodBytes: number;
  largest?: { app: string; environment: string; pods: number; berth: Summary; baseline: Summary };
  /** The catalog's git ref lookup alone (both sides pay it once per request). */
  catalog: Summary;
  /** Without the catalog lookup: Berth's summary from the caches vs the lists and summary. */
  core: { berth: Summary; baseline: Summary };
}

const RATIO_TARGET = 20;
const P95_TARGET_MS = 20;
const MEMORY_TARGET_MB = 25;
const GROWTH_EXPONENT_TARGET = 0.5;

function clusterState(environment: EnvironmentName): ClusterState {
  return { name: `gke-${environment}`, context: environment, reachability: 'reachable', sandbox: true };
}

/** Bytes of the lists the informers make (the same selectors), straight from the API server. */
async function listJsonBytes(world: SeededWorld): Promise<{ all: number; pods: number }> {
  const selector = `labelSelector=${encodeURIComponent('app.kubernetes.io/instance')}`;
  const paths = [`/api/v1/pods?${selector}`, `/apis/apps/v1/deployments?${selector}`, `/apis/apps/v1/replicasets?${selector}`, `/apis/policy/v1/poddisruptionbudgets?${selector}`, '/api/v1/events'];
  let all = 0;
  let pods = 0;
  for (const cluster of world.kube.clusters) {
    for (const p of paths) {
      const response = await fetch(`${world.kube.clusterUrl(cluster)}${p}`, { headers: { authorization: `Bearer sandbox-token-${cluster}` } });
      const bytes = (await response.arrayBuffer()).byteLength;
      all += bytes;
      if (p.startsWith('/api/v1/pods')) pods += bytes;
    }
  }
  return { all, pods };
}

/** Interleaved: `berthPerBaseline` Berth requests, then one baseline request, round after round. */
async function measureBoth(targets: { app: App; environment: EnvironmentName }[], berth: (t: { app: App; environment: EnvironmentName }) => Promise<unknown>, baseline: (t: { app: App; environment: EnvironmentName }) => Promise<unknown>, samples: number, berthPerBaseline: number, maxMs: number) {
  // Warm: the first request of each app computes "is my change live" from git (later ones reuse
  // it), and the JIT compiles both paths before anything is counted.
  for (let round = 0; round < 3; round++) {
    for (const t of targets) {
      await berth(t);
      await baseline(t);
    }
  }
  const berthTimes: number[] = [];
  const baselineTimes: number[] = [];
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < samples && (i < targets.length * 2 || performance.now() < deadline); i++) {
    const target = targets[i % targets.length];
    berthTimes.push(await timeOnce(() => berth(target)));
    if (i % berthPerBaseline === 0) baselineTimes.push(await timeOnce(() => baseline(target)));
  }
  return { berth: summarize(berthTimes), baseline: summarize(baselineTimes) };
}

export async function benchStatus(options: StatusBenchOptions, log: (line: string) => void): Promise<{ status: SectionResult; memory: SectionResult }> {
  const catalog = await loadCatalog(options.repo);
  const measured = options.measuredApps.map((name) => catalog.apps.find((a) => a.name === name)).filter((a): a is App => !!a);
  const targets = measured.flatMap((app) => ENVIRONMENT_NAMES.filter((env) => app.environments.includes(env)).map((environment) => ({ app, environment })));
  const results: SizeResult[] = [];

  for (const size of options.sizes) {
    log(`status: seeding ${size.toLocaleString('en-US')} pods over 100 apps in 2 clusters`);
    const world = await startSeededWorld({ desired: options.desired, pods: size, fixedApps: new Set(options.measuredApps), dataDir: options.dataDir, seed: `status-${size}` });
    try {
      log(`status: ${world.pods.length} pods and ${world.events} events seeded in ${(world.seedMs / 1000).toFixed(1)} s; informers synced in ${(world.syncMs / 1000).toFixed(1)} s`);
      const config = parseConfig({ NODE_ENV: 'test', BERTH_DATA_DIR: options.dataDir, KUBECONFIG: world.kubeconfig, BERTH_SANDBOX: '1' }, options.dataDir);
      const clients = new Map<EnvironmentName, ListClients>();
      for (const target of loadClusterTargets(config)) if ('kubeConfig' in target) clients.set(target.environment, makeListClients(target.kubeConfig));
      const deps = { runtime: world.runtime, repo: options.repo };
      const reader: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };
      const berth = async (t: { app: App; environment: EnvironmentName }) => {
        const result = await getAppStatus(reader, t.app.name, t.environment, deps);
        if (!result.ok) throw new Error(result.error.message);
      };
      // Like getAppStatus, the baseline first finds the app in the catalog (Backstage looks the entity up too).
      const baseline = async (t: { app: App; environment: EnvironmentName }) => {
        const app = (await loadCatalog(options.repo)).apps.find((a) => a.name === t.app.name)!;
        return listAppStatus(clients.get(t.environment)!, app, t.environment, clusterState(t.environment));
      };
      const measuredBoth = await measureBoth(targets, berth, baseline, options.samples, options.berthPerBaseline, options.maxMsPerSize);
      const catalogLookup = summarize(await sample(() => loadCatalog(options.repo), { samples: 100, maxMs: 5_000, warmup: 5 }));
      const loaded = await loadCatalog(options.repo);
      const core = await measureBoth(
        targets,
        (t) => statusOf(t.app, t.environment, loaded, deps),
        (t) => listAppStatus(clients.get(t.environment)!, t.app, t.environment, clusterState(t.environment)),
        Math.ceil(options.samples / 2),
        options.berthPerBaseline,
        options.maxMsPerSize / 2,
      );
      const json = await listJsonBytes(world);
      const result: SizeResult = { pods: world.pods.length, events: world.events, seedMs: world.seedMs, syncMs: world.syncMs, ...measuredBoth, catalog: catalogLookup, core, cacheHeapBytes: world.cacheHeapBytes, jsonBytes: json.all, jsonPodBytes: json.pods };
      if (size === Math.max(...options.sizes)) {
        const [key, pods] = [...world.podsPerApp].sort((a, b) => b[1] - a[1])[0];
        const [name, environment] = key.split('/') as [string, EnvironmentName];
        const app = catalog.apps.find((a) => a.name === name)!;
        const largest = await measureBoth([{ app, environment }], berth, baseline, Math.ceil(options.samples / 4), 2, options.maxMsPerSize / 2);
        result.largest = { app: name, environment, pods, ...largest };
      }
      results.push(result);
      log(`status: ${size} pods — Berth p50 ${ms(result.berth.p50)} p95 ${ms(result.berth.p95)}; baseline p50 ${ms(result.baseline.p50)} p95 ${ms(result.baseline.p95)}`);
    } finally {
      await world.close();
    }
  }

  const rows: Row[] = [];
  for (const r of results) {
    const label = `${r.pods.toLocaleString('en-US')} pods`;
    const p50 = speedup(r.berth.p50, r.baseline.p50);
    const p95 = speedup(r.berth.p95, r.baseline.p95);
    const atTarget = Math.abs(r.pods - 5000) < 500;
    rows.push({ section: '1', measure: `app status p50, ${label}`, berth: ms(r.berth.p50), baseline: ms(r.baseline.p50), ratio: p50.text, target: atTarget ? `≥ ${RATIO_TARGET}× faster` : '—', met: atTarget ? p50.value >= RATIO_TARGET : undefined });
    rows.push({ section: '1', measure: `app status p95, ${label}`, berth: ms(r.berth.p95), baseline: ms(r.baseline.p95), ratio: p95.text, target: `< ${P95_TARGET_MS} ms`, met: r.berth.p95 < P95_TARGET_MS });
    rows.push({ section: '1', measure: '  p50 without the catalog lookup (caches vs lists)', berth: ms(r.core.berth.p50), baseline: ms(r.core.baseline.p50), ratio: speedup(r.core.berth.p50, r.core.baseline.p50).text, target: '—' });
    if (atTarget) rows.push({ section: '1', measure: '  the catalog lookup alone (a git ref read) p50', berth: ms(r.catalog.p50), baseline: ms(r.catalog.p50), ratio: '—', target: '—' });
  }
  const first = results[0];
  const last = results.at(-1)!;
  if (results.length > 1) {
    const podGrowth = last.pods / first.pods;
    const growth = (a: number, b: number) => b / a;
    const berthGrowth = growth(first.berth.p50, last.berth.p50);
    const baselineGrowth = growth(first.baseline.p50, last.baseline.p50);
    const exponent = Math.log(Math.max(berthGrowth, 1)) / Math.log(podGrowth);
    rows.push({
      section: '1',
      measure: `status p50 growth, ×${podGrowth.toFixed(0)} pods`,
      berth: `×${berthGrowth.toFixed(2)}`,
      baseline: `×${baselineGrowth.toFixed(2)}`,
      ratio: `exponent ${exponent.toFixed(2)}`,
      target: `exponent < ${GROWTH_EXPONENT_TARGET} (linear = 1)`,
      met: exponent < GROWTH_EXPONENT_TARGET,
    });
  }
  if (last.largest) {
    const l = last.largest;
    rows.push({ section: '1', measure: `largest app (${l.pods} pods, ${l.environment}) p95`, berth: ms(l.berth.p95), baseline: ms(l.baseline.p95), ratio: speedup(l.berth.p95, l.baseline.p95).text, target: '—' });
  }

  const memoryRows: Row[] = results.map((r) => {
    const perThousand = r.cacheHeapBytes / (r.pods / 1000);
    const jsonPerThousand = r.jsonBytes / (r.pods / 1000);
    return {
      section: '3',
      measure: `informer caches per 1,000 pods (${r.pods.toLocaleString('en-US')})`,
      berth: mb(perThousand),
      baseline: `${mb(jsonPerThousand)} JSON`,
      ratio: `${(perThousand / jsonPerThousand).toFixed(1)}× the JSON`,
      target: `< ${MEMORY_TARGET_MB} MB`,
      met: perThousand < MEMORY_TARGET_MB * 1024 * 1024,
    };
  });

  return {
    status: {
      rows,
      raw: { sizes: results.map(({ cacheHeapBytes: _c, jsonBytes: _j, jsonPodBytes: _p, ...r }) => r) },
      notes: [
        `1: Berth = getAppStatus (informer caches + "is my change live" from the config repository's git history, cached per head) for the ${measured.length} sample apps × 2 environments in turn; baseline = find the app in the catalog, then list pods, deployments, replicasets, PDBs (label selector, all namespaces) and the namespace's events through @kubernetes/client-node per request, then the same summary. Both in one process with the in-memory sandbox API server (no network, TLS or etcd: a best case for the baseline), interleaved. Both pay one catalog lookup per request (loadCatalog resolves the branch head: several file reads); the rows without it compare statusOf from the caches with the lists alone.`,
      ],
    },
    memory: {
      rows: memoryRows,
      raw: { sizes: results.map((r) => ({ pods: r.pods, events: r.events, cacheHeapBytes: r.cacheHeapBytes, jsonBytes: r.jsonBytes, jsonPodBytes: r.jsonPodBytes })) },
      notes: ['3: heap growth (after full GCs, --expose-gc) from creating the informers to their first sync, for all five kinds in both clusters, divided per 1,000 pods; baseline = bytes of the same five lists as the API server sends them.'],
    },
  };
}
