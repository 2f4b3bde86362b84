// A cutover window's numbers from two snapshots of Envoy's stats: per side (Aptible, GKE) the
// requests, the 5xx rate and p50/p95/p99 latency over the same interval, from counter deltas and
// histogram bucket deltas (interpolated within a bucket as Prometheus' histogram_quantile does), and
// a verdict comparing GKE's 5xx rate with Aptible's against the app's threshold. Counters that went
// down between the snapshots (Envoy restarted, or /reset_counters) count from zero, as Prometheus'
// increase() does, and the window says so. Isomorphic.
import type { ClusterCounters, LatencyHistogram, StatsSnapshot } from './stats-snapshot';

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface SideNumbers {
  cluster: string;
  requests: number;
  errors5xx: number;
  /** Percent of the window's responses that were 5xx; null without requests. */
  rate5xx: number | null;
  /** Null when the histogram recorded nothing in the window. */
  latencyMs: LatencyPercentiles | null;
  /** Requests the latency figures rest on (histograms reach Envoy's stats at each flush). */
  latencySamples: number;
  /** Counters went backwards in the window (Envoy restarted or reset them). */
  reset: boolean;
}

export type WindowVerdict =
  /** GKE's 5xx rate exceeds Aptible's by more than the threshold: roll back. */
  | { kind: 'rollback'; excessPoints: number; message: string }
  /** Within the threshold on enough GKE requests. */
  | { kind: 'within-threshold'; excessPoints: number; message: string }
  /** GKE answered too few requests for the rate to mean anything yet. */
  | { kind: 'too-little-traffic'; message: string };

export interface CutoverWindow {
  from: number;
  to: number;
  aptible: SideNumbers;
  gke: SideNumbers;
  verdict: WindowVerdict;
}

export interface CutoverWindowOptions {
  clusters: { aptible: string; gke: string };
  /** Percentage points GKE's 5xx rate may exceed Aptible's (migration.yaml's maxExtra5xxPercent). */
  maxExtra5xxPercent: number;
  /** GKE requests needed before "within the threshold" is said (default 100). */
  minRequests?: number;
  /** GKE 5xx responses that make a rollback certain even with fewer requests (default 20). */
  minErrorsForRollback?: number;
  /**
   * GKE 5xx responses needed before any rollback is called (default 0). A single error in a
   * hundred requests is a whole percentage point: the cutover runner asks for a few, so chance
   * alone does not end a healthy window.
   */
  minErrorsToJudge?: number;
}

export class CutoverWindowError extends Error {}

function histogramDelta(before: LatencyHistogram | null, after: LatencyHistogram | null): { histogram: LatencyHistogram | null; reset: boolean } {
  if (!after) return { histogram: null, reset: false };
  if (!before) return { histogram: after, reset: false };
  const bounds = (h: LatencyHistogram) => h.buckets.map((b) => b.le).join();
  const reset = after.count < before.count || bounds(before) !== bounds(after) || after.buckets.some((b, i) => b.count < before.buckets[i].count);
  if (reset) return { histogram: after, reset: true };
  return {
    histogram: { buckets: after.buckets.map((b, i) => ({ le: b.le, count: b.count - before.buckets[i].count })), count: after.count - before.count, sumMs: after.sumMs - before.sumMs },
    reset: false,
  };
}

/**
 * Prometheus' bucketQuantile (promql/quantile.go): the rank's bucket, linear interpolation inside
 * it from the previous bound (0 for the first), the highest finite bound when the rank falls in
 * +Inf. NaN without observations. Buckets are cumulative, ascending, ending with +Inf.
 */
export function histogramQuantile(q: number, buckets: readonly { le: number; count: number }[]): number {
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (buckets.length < 2 || buckets.at(-1)!.le !== Number.POSITIVE_INFINITY) return Number.NaN;
  // Monotonic counts, as Prometheus forces them (a scrape can catch buckets mid-update).
  const counts: number[] = [];
  let max = 0;
  for (const b of buckets) {
    max = Math.max(max, b.count);
    counts.push(max);
  }
  const observations = counts.at(-1)!;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  let b = counts.findIndex((count) => count >= rank);
  if (b < 0) b = counts.length - 1;
  if (b === buckets.length - 1) return buckets[buckets.length - 2].le;
  if (b === 0 && buckets[0].le <= 0) return buckets[0].le;
  let bucketStart = 0;
  const bucketEnd = buckets[b].le;
  let count = counts[b];
  if (b > 0) {
    bucketStart = buckets[b - 1].le;
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

function side(cluster: string, before: ClusterCounters | undefined, after: ClusterCounters | undefined): SideNumbers {
  if (!after) throw new CutoverWindowError(`Envoy's stats have no cluster named ${cluster}: check the cutover's cluster names in migration.yaml`);
  const b = before ?? { requests: 0, byClass: {}, latency: null };
  // Envoy resets every counter at once (a restart, /reset_counters): when any of the cluster's went
  // down, all of them count from zero, as Prometheus' increase() assumes for each.
  const latency = histogramDelta(b.latency, after.latency);
  const countersReset = after.requests < b.requests || (['1', '2', '3', '4', '5'] as const).some((c) => (after.byClass[c] ?? 0) < (b.byClass[c] ?? 0));
  const reset = countersReset || latency.reset;
  const requests = reset ? after.requests : after.requests - b.requests;
  const errors = reset ? (after.byClass['5'] ?? 0) : (after.byClass['5'] ?? 0) - (b.byClass['5'] ?? 0);
  const h = reset ? after.latency : latency.histogram;
  const latencyMs =
    h && h.count > 0
      ? { p50: histogramQuantile(0.5, h.buckets), p95: histogramQuantile(0.95, h.buckets), p99: histogramQuantile(0.99, h.buckets) }
      : null;
  return { cluster, requests, errors5xx: errors, rate5xx: requests > 0 ? (100 * errors) / requests : null, latencyMs, latencySamples: h?.count ?? 0, reset };
}

const percent = (value: number) => `${value.toFixed(value < 1 ? 2 : 1)} %`;

/** The window between two snapshots of the same Envoy (`before` taken first). */
export function computeCutoverWindow(before: StatsSnapshot, after: StatsSnapshot, options: CutoverWindowOptions): CutoverWindow {
  if (after.takenAt < before.takenAt) throw new CutoverWindowError('the second snapshot is older than the first');
  const aptible = side(options.clusters.aptible, before.clusters.get(options.clusters.aptible), after.clusters.get(options.clusters.aptible));
  const gke = side(options.clusters.gke, before.clusters.get(options.clusters.gke), after.clusters.get(options.clusters.gke));
  return { from: before.takenAt, to: after.takenAt, aptible, gke, verdict: judge(aptible, gke, options) };
}

function judge(aptible: SideNumbers, gke: SideNumbers, options: CutoverWindowOptions): WindowVerdict {
  const minRequests = options.minRequests ?? 100;
  const minErrors = options.minErrorsForRollback ?? 20;
  const threshold = options.maxExtra5xxPercent;
  if (gke.rate5xx === null) return { kind: 'too-little-traffic', message: 'GKE answered no request in this window.' };
  const baseline = aptible.rate5xx ?? 0;
  const excess = gke.rate5xx - baseline;
  const compared = `GKE ${percent(gke.rate5xx)} 5xx over ${gke.requests} requests, Aptible ${aptible.rate5xx === null ? 'no requests' : `${percent(baseline)} over ${aptible.requests}`}`;
  const fewErrors = options.minErrorsToJudge ?? 0;
  if (excess > threshold && gke.errors5xx < fewErrors) {
    return { kind: 'too-little-traffic', message: `${compared}: only ${gke.errors5xx} GKE 5xx response${gke.errors5xx === 1 ? '' : 's'}, too few to call a difference.` };
  }
  if (excess > threshold && (gke.requests >= minRequests || gke.errors5xx >= minErrors)) {
    return { kind: 'rollback', excessPoints: excess, message: `${compared}: ${excess.toFixed(2)} points above Aptible, more than the ${threshold}-point threshold.` };
  }
  if (gke.requests < minRequests) {
    return { kind: 'too-little-traffic', message: `${compared}: fewer than ${minRequests} GKE requests, too few to judge.` };
  }
  return { kind: 'within-threshold', excessPoints: excess, message: `${compared}: within the ${threshold}-point threshold.` };
}
