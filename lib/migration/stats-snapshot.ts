// One reading of Envoy's /stats/prometheus, reduced to what a cutover window needs per upstream
// cluster: requests (upstream_rq_total), responses per class (upstream_rq_xx) and the request-time
// histogram (upstream_rq_time, ms). Envoy's metric and label names stop here. Isomorphic.
import { parsePrometheusText, PrometheusTextError, type PromFamily } from './prometheus-text';

export interface LatencyHistogram {
  /** Cumulative counts by upper bound (ms), ascending, ending with +Infinity. */
  buckets: { le: number; count: number }[];
  count: number;
  sumMs: number;
}

export interface ClusterCounters {
  requests: number;
  /** Responses per status class: '1' … '5'. A class Envoy never saw is absent (it creates the series on first use). */
  byClass: Partial<Record<'1' | '2' | '3' | '4' | '5', number>>;
  latency: LatencyHistogram | null;
}

export interface StatsSnapshot {
  /** Epoch ms when Berth received it. */
  takenAt: number;
  clusters: Map<string, ClusterCounters>;
}

export class StatsSnapshotError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'StatsSnapshotError';
  }
}

const CLUSTER_LABEL = 'envoy_cluster_name';

/**
 * Reads the clusters out of an exposition. `clusters` limits the result to those names (the rest
 * of a 200-app snapshot is skipped after parsing). Throws StatsSnapshotError with the line.
 */
export function readStatsSnapshot(text: string, options: { takenAt?: number; clusters?: readonly string[] } = {}): StatsSnapshot {
  let families: Map<string, PromFamily>;
  try {
    families = parsePrometheusText(text);
  } catch (error) {
    if (error instanceof PrometheusTextError) throw new StatsSnapshotError(`Envoy's stats could not be read: ${error.message}`, error.line);
    throw error;
  }
  const wanted = options.clusters ? new Set(options.clusters) : undefined;
  const clusters = new Map<string, ClusterCounters>();
  const entry = (name: string | undefined): ClusterCounters | undefined => {
    if (name === undefined || (wanted && !wanted.has(name))) return undefined;
    let found = clusters.get(name);
    if (!found) {
      found = { requests: 0, byClass: {}, latency: null };
      clusters.set(name, found);
    }
    return found;
  };

  for (const sample of families.get('envoy_cluster_upstream_rq_total')?.samples ?? []) {
    const c = entry(sample.labels[CLUSTER_LABEL]);
    if (c) c.requests = sample.value;
  }
  for (const sample of families.get('envoy_cluster_upstream_rq_xx')?.samples ?? []) {
    const c = entry(sample.labels[CLUSTER_LABEL]);
    const klass = sample.labels.envoy_response_code_class;
    if (c && (klass === '1' || klass === '2' || klass === '3' || klass === '4' || klass === '5')) c.byClass[klass] = sample.value;
  }
  const time = families.get('envoy_cluster_upstream_rq_time');
  if (time && time.type !== 'histogram') throw new StatsSnapshotError(`envoy_cluster_upstream_rq_time is a ${time.type}, not a histogram`);
  for (const sample of time?.samples ?? []) {
    const c = entry(sample.labels[CLUSTER_LABEL]);
    if (!c) continue;
    c.latency ??= { buckets: [], count: 0, sumMs: 0 };
    if (sample.name.endsWith('_bucket')) {
      const le = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
      if (Number.isNaN(le)) throw new StatsSnapshotError(`upstream_rq_time of ${sample.labels[CLUSTER_LABEL]} has a bucket bound that is not a number`);
      c.latency.buckets.push({ le, count: sample.value });
    } else if (sample.name.endsWith('_sum')) c.latency.sumMs = sample.value;
    else if (sample.name.endsWith('_count')) c.latency.count = sample.value;
  }
  for (const [name, c] of clusters) {
    if (!c.latency) continue;
    c.latency.buckets.sort((a, b) => a.le - b.le);
    if (c.latency.buckets.at(-1)?.le !== Number.POSITIVE_INFINITY) throw new StatsSnapshotError(`upstream_rq_time of ${name} has no +Inf bucket`);
  }
  return { takenAt: options.takenAt ?? Date.now(), clusters };
}
