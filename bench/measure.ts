// Timing helpers for the benchmarks: percentiles, sample loops bounded by count and time, heap
// snapshots after a full collection.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((n, v) => n + v, 0);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: sorted.length ? sum / sorted.length : Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/** Milliseconds one call takes. */
export async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Runs `fn` up to `samples` times (stopping early after `maxMs`) and returns each duration. */
export async function sample(fn: (index: number) => Promise<unknown> | unknown, options: { samples: number; maxMs: number; warmup?: number }): Promise<number[]> {
  for (let i = 0; i < (options.warmup ?? 0); i++) await fn(i);
  const out: number[] = [];
  const deadline = performance.now() + options.maxMs;
  for (let i = 0; i < options.samples && (i === 0 || performance.now() < deadline); i++) out.push(await timeOnce(() => fn(i)));
  return out;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc (npm run bench does)');
  gc();
  gc();
}

/** Heap in use after a full collection (bytes). */
export function settledHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

export function memoryNow(): { rss: number; heapUsed: number } {
  collect();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

export const MB = 1024 * 1024;

export function waitMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes; resolves whether it held. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await waitMs(50);
  }
}
