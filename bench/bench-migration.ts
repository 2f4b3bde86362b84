// 7. Cutover numbers: a stats snapshot of an edge Envoy with 200 apps' clusters (400 upstream
//    clusters, Envoy's own output from the sandbox admin server after 15 simulated minutes of
//    traffic) read and turned into one app's window (requests, 5xx rate, p50/p95/p99 of both
//    sides), against the time to fetch that snapshot from the server; and the client's filtered
//    fetch of one app's two clusters, as a cutover step takes it; and one round of a running
//    window as the runner does it (that filtered fetch, the snapshot stored in SQLite, both
//    sides recomputed from the window's stored snapshots).
import { ManualClock } from '@/sandbox/kube-api/clock';
import type { EdgeRoute } from '@/sandbox/envoy-admin/edge-proxy';
import { startEnvoyAdminServer } from '@/sandbox/envoy-admin/server';
import { computeCutoverWindow } from '@/lib/migration/cutover-window';
import { fetchStatsSnapshot } from '@/lib/migration/envoy-admin-client';
import { readStatsSnapshot } from '@/lib/migration/stats-snapshot';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '@/lib/db/create-db';
import { runnerContext, RunnerRegistry, sampleRound } from '@/lib/migration/cutover-runner';
import { findCutoverStep } from '@/lib/migration/cutover-step';
import { onCleanup } from './cleanup';
import { sample, summarize } from './measure';
import { kb, ms, type SectionResult, speedup } from './report';

export interface MigrationBenchOptions {
  apps: number;
  samples: number;
}

const TARGET_MS = 50;

export async function benchMigration(options: MigrationBenchOptions, log: (line: string) => void): Promise<SectionResult> {
  const routes: EdgeRoute[] = Array.from({ length: options.apps }, (_, i) => {
    const app = `app-${String(i).padStart(3, '0')}`;
    return { app, runtimeKey: `routing.traffic_shift.${app}`, aptibleCluster: `${app}_aptible`, gkeCluster: `${app}_gke`, staticShare: i % 3 === 0 ? 100 : 0, adminShare: i % 3 === 1 ? 25 : undefined };
  });
  const clock = new ManualClock(Date.now());
  const server = await startEnvoyAdminServer({ routes, clock, seed: 'bench', tickMs: 0 });
  const stop = onCleanup('sandbox Envoy admin server', () => server.close());
  log(`migration: ${options.apps} apps' routes, 15 simulated minutes of traffic`);
  clock.advance(60_000);
  server.proxy.catchUp();
  // A new connection each time: no kept-alive socket can go stale while the CPU-bound samples run.
  const fetchFull = async () => (await fetch(`${server.url}/stats/prometheus`, { headers: { connection: 'close' } })).text();
  const before = readStatsSnapshot(await fetchFull(), { takenAt: clock.now() });
  clock.advance(15 * 60_000);
  server.proxy.catchUp();
  const text = await fetchFull();
  const lines = text.split('\n').length;
  const clusters = { aptible: 'app-001_aptible', gke: 'app-001_gke' };
  const window = () => computeCutoverWindow(before, readStatsSnapshot(text, { takenAt: clock.now() }), { clusters, maxExtra5xxPercent: 1 });
  const check = window();
  if (check.gke.requests < 1000 || !check.gke.latencyMs) throw new Error(`the benchmark's window has too little GKE traffic (${check.gke.requests} requests)`);

  const compute = summarize(await sample(window, { samples: options.samples, maxMs: 20_000, warmup: 5 }));
  const parseOnly = summarize(await sample(() => readStatsSnapshot(text), { samples: options.samples, maxMs: 20_000, warmup: 2 }));
  const fetched = summarize(await sample(fetchFull, { samples: options.samples, maxMs: 20_000, warmup: 2 }));
  const filtered = summarize(
    await sample(
      async () => {
        const result = await fetchStatsSnapshot(server.url, [clusters.aptible, clusters.gke]);
        if (!result.ok) throw new Error(result.error.message);
      },
      { samples: options.samples, maxMs: 20_000, warmup: 2 },
    ),
  );
  // A running window's round, on a step row in a fresh SQLite database, with a dozen snapshots
  // already stored (a 15-minute window's worth, as the runner takes them).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-cutover-'));
  const db = await createDb({ url: `file:${path.join(dir, 'berth.db')}` });
  const stopDb = onCleanup('cutover bench database', async () => {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const now = new Date().toISOString();
  const inserted = await db
    .insertInto('cutover_steps')
    .values({ app: 'app-001', share: 5, window_minutes: 15, reason: 'bench', target: JSON.stringify({ envoyAdmin: server.url, runtimeKey: 'routing.traffic_shift.app-001', clusters, maxExtra5xxPercent: 1 }), requested_by_email: 'bench@berth.invalid', requested_by_name: 'bench', status: 'running', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const step = (await findCutoverStep(db, Number(inserted.id)))!;
  const ctx = await runnerContext({ db, envoyEndpoint: server.endpoint, timeScale: 1, runners: new RunnerRegistry() });
  for (let i = 0; i < 12; i++) {
    clock.advance(75_000);
    await sampleRound(ctx, step);
  }
  const round = summarize(
    await sample(
      async () => {
        clock.advance(1000);
        if (!(await sampleRound(ctx, step))) throw new Error('a window round computed nothing');
      },
      { samples: Math.min(options.samples, 200), maxMs: 20_000, warmup: 2 },
    ),
  );
  await stopDb();
  await stop();
  const ratio = speedup(compute.p95, fetched.p95);
  return {
    rows: [
      { section: '7', measure: `cutover window p95 (read a ${options.apps}-app snapshot + one app's window)`, berth: ms(compute.p95), baseline: `${ms(fetched.p95)} (fetch of the snapshot)`, ratio: ratio.text, target: `< ${TARGET_MS} ms`, met: compute.p95 < TARGET_MS },
      { section: '7', measure: 'cutover window p50', berth: ms(compute.p50), baseline: ms(fetched.p50), ratio: speedup(compute.p50, fetched.p50).text, target: '—' },
      { section: '7', measure: '  of which reading the exposition alone p50', berth: ms(parseOnly.p50), baseline: '—', ratio: '—', target: '—' },
      { section: '7', measure: "the client's snapshot of one app's 2 clusters (?filter=) p95", berth: ms(filtered.p95), baseline: `${ms(fetched.p95)} (all ${options.apps * 2} clusters)`, ratio: speedup(filtered.p95, fetched.p95).text, target: '—' },
      { section: '7', measure: "a running window's round (filtered snapshot, stored, both sides recomputed) p95", berth: ms(round.p95), baseline: `${ms(filtered.p95)} (the filtered snapshot alone)`, ratio: speedup(round.p95, filtered.p95).text, target: '—' },
    ],
    raw: { apps: options.apps, snapshotBytes: Buffer.byteLength(text), snapshotLines: lines, compute, parseOnly, fetchFull: fetched, fetchFiltered: filtered, windowRound: round, window: { aptible: check.aptible, gke: check.gke, verdict: check.verdict } },
    notes: [
      `7: the sandbox edge Envoy with ${options.apps} routes (${options.apps * 2} upstream clusters) after 15 simulated minutes answers /stats/prometheus with ${kb(Buffer.byteLength(text))} in ${lines} lines, in Envoy's layout. Window = the strict exposition reader (every line checked) over that text, the two clusters' counters and histograms picked out, then the deltas against an earlier snapshot and histogram_quantile for p50/p95/p99; baseline = fetching the same text over HTTP on 127.0.0.1 (the snapshot's cost before any computing). The client asks Envoy for the two clusters only (?filter=), which is what a cutover step does. A running window's round is what the runner does every snapshot interval: that filtered fetch, the two clusters' counters stored in SQLite, and the whole window and the last interval recomputed from the stored snapshots (a dozen or more already there).`,
    ],
  };
}
