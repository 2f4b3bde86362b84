// Envoy's statistics as its admin interface keeps them: counters (cumulative, some created on first
// use, like upstream_rq_5xx), gauges, and histograms whose recorded values reach the cumulative
// buckets only at each stats flush (Envoy's stats_flush_interval, 5 s by default). Each stat has
// Envoy's full name (`cluster.<name>.upstream_rq_5xx`) and the tag-extracted name and tags the
// Prometheus output uses (`envoy_cluster_upstream_rq_xx{envoy_response_code_class="5",…}`).

/** Envoy's default histogram bucket bounds (source/common/stats/histogram_impl.cc), in ms for timings. */
export const ENVOY_DEFAULT_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000] as const;

export type Tags = readonly (readonly [string, string])[];

interface StatBase {
  /** Envoy's own name, e.g. cluster.patient-portal_gke.upstream_rq_total (what ?filter= matches). */
  name: string;
  /** The Prometheus metric name after tag extraction, e.g. envoy_cluster_upstream_rq_total. */
  metric: string;
  tags: Tags;
  used: boolean;
}

export interface Counter extends StatBase {
  kind: 'counter';
  value: number;
}

export interface Gauge extends StatBase {
  kind: 'gauge';
  value: number;
}

export interface Histogram extends StatBase {
  kind: 'histogram';
  /** Cumulative counts per bound of ENVOY_DEFAULT_BUCKETS (value ≤ bound), as of the last flush. */
  buckets: number[];
  count: number;
  sum: number;
  /** Recorded since the last flush: counts per bound (not cumulative), count and sum. */
  pending: { buckets: number[]; count: number; sum: number };
}

export type Stat = Counter | Gauge | Histogram;

export class EnvoyStats {
  private readonly stats = new Map<string, Stat>();

  counter(name: string, metric: string, tags: Tags): Counter {
    return this.get(name, () => ({ kind: 'counter', name, metric, tags, used: false, value: 0 })) as Counter;
  }

  gauge(name: string, metric: string, tags: Tags): Gauge {
    return this.get(name, () => ({ kind: 'gauge', name, metric, tags, used: false, value: 0 })) as Gauge;
  }

  histogram(name: string, metric: string, tags: Tags): Histogram {
    return this.get(name, () => ({ kind: 'histogram', name, metric, tags, used: false, buckets: ENVOY_DEFAULT_BUCKETS.map(() => 0), count: 0, sum: 0, pending: { buckets: ENVOY_DEFAULT_BUCKETS.map(() => 0), count: 0, sum: 0 } })) as Histogram;
  }

  add(counter: Counter, amount = 1): void {
    counter.value += amount;
    counter.used = true;
  }

  set(gauge: Gauge, value: number): void {
    gauge.value = value;
    gauge.used = true;
  }

  record(histogram: Histogram, value: number): void {
    const pending = histogram.pending;
    // The first bound the value fits under (values above every bound only reach +Inf).
    let i = 0;
    while (i < ENVOY_DEFAULT_BUCKETS.length && value > ENVOY_DEFAULT_BUCKETS[i]) i++;
    if (i < ENVOY_DEFAULT_BUCKETS.length) pending.buckets[i] += 1;
    pending.count += 1;
    pending.sum += value;
    histogram.used = true;
  }

  /** Merges every histogram's pending values into its cumulative buckets (a stats flush). */
  flush(): void {
    for (const stat of this.stats.values()) {
      if (stat.kind !== 'histogram' || stat.pending.count === 0) continue;
      let below = 0;
      for (let i = 0; i < ENVOY_DEFAULT_BUCKETS.length; i++) {
        below += stat.pending.buckets[i];
        stat.buckets[i] += below;
        stat.pending.buckets[i] = 0;
      }
      stat.count += stat.pending.count;
      stat.sum += stat.pending.sum;
      stat.pending.count = 0;
      stat.pending.sum = 0;
    }
  }

  /** POST /reset_counters: every counter back to zero (gauges and histograms keep their values). */
  resetCounters(): void {
    for (const stat of this.stats.values()) if (stat.kind === 'counter') stat.value = 0;
  }

  /** Drops every stat whose name starts with `prefix` (a cluster removed from the configuration). */
  removeWithPrefix(prefix: string): void {
    for (const name of [...this.stats.keys()]) if (name.startsWith(prefix)) this.stats.delete(name);
  }

  all(): Stat[] {
    return [...this.stats.values()];
  }

  private get(name: string, create: () => Stat): Stat {
    let stat = this.stats.get(name);
    if (!stat) {
      stat = create();
      this.stats.set(name, stat);
    }
    return stat;
  }
}

/** fmt's `{:.32g}`, which Envoy uses for bucket bounds and sums: no exponent, no trailing zeros. */
export function formatG32(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const fixed = value.toPrecision(32);
  if (/e/i.test(fixed)) return fixed;
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function formatTags(tags: Tags): string {
  return tags.map(([name, value]) => `${name}="${value}"`).join(',');
}

export interface PrometheusOptions {
  usedOnly?: boolean;
  /** Applied to Envoy's own stat names, as the admin's `filter` parameter is. */
  filter?: RegExp;
}

/**
 * The text exposition of /stats/prometheus, in Envoy's layout: counters, then gauges, then
 * histograms; one `# TYPE` line per tag-extracted name (sorted), its series sorted by Envoy's stat
 * name, a blank line after each group. No `# HELP` lines: Envoy writes none.
 */
export function renderPrometheus(stats: Stat[], options: PrometheusOptions = {}): string {
  const out: string[] = [];
  for (const kind of ['counter', 'gauge', 'histogram'] as const) {
    const groups = new Map<string, Stat[]>();
    for (const stat of stats) {
      if (stat.kind !== kind) continue;
      if (options.usedOnly && !stat.used) continue;
      if (options.filter && !options.filter.test(stat.name)) continue;
      const group = groups.get(stat.metric);
      if (group) group.push(stat);
      else groups.set(stat.metric, [stat]);
    }
    for (const metric of [...groups.keys()].sort()) {
      out.push(`# TYPE ${metric} ${kind}\n`);
      const series = groups.get(metric)!.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const stat of series) {
        const tags = formatTags(stat.tags);
        if (stat.kind !== 'histogram') {
          out.push(`${metric}{${tags}} ${stat.value}\n`);
          continue;
        }
        const prefix = tags ? `${tags},` : '';
        for (let i = 0; i < ENVOY_DEFAULT_BUCKETS.length; i++) out.push(`${metric}_bucket{${prefix}le="${formatG32(ENVOY_DEFAULT_BUCKETS[i])}"} ${stat.buckets[i]}\n`);
        out.push(`${metric}_bucket{${prefix}le="+Inf"} ${stat.count}\n`);
        out.push(`${metric}_sum{${tags}} ${formatG32(stat.sum)}\n`);
        out.push(`${metric}_count{${tags}} ${stat.count}\n`);
      }
      out.push('\n');
    }
  }
  return out.join('');
}
