import { describe, expect, it } from 'vitest';
import { computeCutoverWindow, CutoverWindowError, histogramQuantile } from './cutover-window';
import { readStatsSnapshot, StatsSnapshotError } from './stats-snapshot';
import { parsePrometheusText, PrometheusTextError } from './prometheus-text';

const BOUNDS = ['0.5', '1', '5', '10', '25', '50', '100', '250', '500', '1000', '2500', '5000', '10000', '30000', '60000', '300000', '600000', '1800000', '3600000', '+Inf'];

/** Envoy's exposition for clusters given as [name, total, {class: count}, cumulative bucket counts, sum]. */
function exposition(clusters: [string, number, Record<string, number>, number[], number][]): string {
  const out = ['# TYPE envoy_cluster_upstream_rq_total counter'];
  for (const [name, total] of clusters) out.push(`envoy_cluster_upstream_rq_total{envoy_cluster_name="${name}"} ${total}`);
  out.push('', '# TYPE envoy_cluster_upstream_rq_xx counter');
  for (const [name, , classes] of clusters) for (const [c, n] of Object.entries(classes)) out.push(`envoy_cluster_upstream_rq_xx{envoy_response_code_class="${c}",envoy_cluster_name="${name}"} ${n}`);
  out.push('', '# TYPE envoy_cluster_upstream_rq_time histogram');
  for (const [name, , , buckets, sum] of clusters) {
    const counts = [...buckets, ...Array(BOUNDS.length - buckets.length).fill(buckets.at(-1))];
    BOUNDS.forEach((le, i) => out.push(`envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="${name}",le="${le}"} ${counts[i]}`));
    out.push(`envoy_cluster_upstream_rq_time_sum{envoy_cluster_name="${name}"} ${sum}`, `envoy_cluster_upstream_rq_time_count{envoy_cluster_name="${name}"} ${counts.at(-1)}`);
  }
  return `${out.join('\n')}\n\n`;
}

const CLUSTERS = { aptible: 'a_aptible', gke: 'a_gke' };
//                   0.5 1  5   10   25   50   100  250  500  1000
const APTIBLE_0 = [0, 0, 10, 50, 200, 600, 900, 980, 1000, 1000];
const APTIBLE_1 = [0, 0, 20, 100, 400, 1200, 1800, 1960, 2000, 2000];
const GKE_0 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe('histogram_quantile', () => {
  it('interpolates inside the bucket the rank falls in, as Prometheus does', () => {
    const buckets = [{ le: 10, count: 10 }, { le: 20, count: 30 }, { le: 50, count: 40 }, { le: Infinity, count: 40 }];
    expect(histogramQuantile(0.5, buckets)).toBe(15); // rank 20: halfway through (10, 20]
    expect(histogramQuantile(0.25, buckets)).toBe(10);
    expect(histogramQuantile(0.1, buckets)).toBe(4); // first bucket starts at 0
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(38); // rank 36: 6/10 of (20, 50]
    expect(histogramQuantile(0.99, [{ le: 10, count: 1 }, { le: Infinity, count: 100 }])).toBe(10); // +Inf: the highest finite bound
    expect(histogramQuantile(0.5, [{ le: 10, count: 0 }, { le: Infinity, count: 0 }])).toBeNaN();
    expect(histogramQuantile(1.5, buckets)).toBe(Infinity);
    expect(histogramQuantile(-1, buckets)).toBe(-Infinity);
    expect(histogramQuantile(0.5, [{ le: 10, count: 5 }])).toBeNaN();
    // Non-monotonic counts (a scrape mid-update) are made monotonic first.
    expect(histogramQuantile(0.5, [{ le: 10, count: 10 }, { le: 20, count: 8 }, { le: Infinity, count: 20 }])).toBe(10);
  });
});

describe('cutover window', () => {
  it('takes requests, 5xx rate and percentiles of the interval from the deltas', () => {
    const before = readStatsSnapshot(exposition([['a_aptible', 1000, { '2': 990, '5': 10 }, APTIBLE_0, 40000], ['a_gke', 0, {}, GKE_0, 0]]), { takenAt: 1000 });
    // GKE: 500 requests, 25 of them 5xx (5 %); latencies mostly 25–50 ms.
    const gke1 = [0, 0, 0, 20, 300, 450, 490, 500, 500, 500];
    const after = readStatsSnapshot(exposition([['a_aptible', 2000, { '2': 1985, '5': 15 }, APTIBLE_1, 80000], ['a_gke', 500, { '2': 475, '5': 25 }, gke1, 20000]]), { takenAt: 901_000 });
    const window = computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 1 });
    expect(window.aptible).toMatchObject({ requests: 1000, errors5xx: 5, rate5xx: 0.5, latencySamples: 1000, reset: false });
    expect(window.aptible.latencyMs!.p50).toBeCloseTo(25 + 25 * ((500 - 200) / 400));
    expect(window.gke).toMatchObject({ requests: 500, errors5xx: 25, rate5xx: 5, latencySamples: 500 });
    expect(window.gke.latencyMs!.p50).toBeCloseTo(10 + 15 * ((250 - 20) / 280));
    expect(window.gke.latencyMs!.p99).toBeCloseTo(100 + 150 * ((495 - 490) / 10));
    expect(window.verdict).toMatchObject({ kind: 'rollback', excessPoints: 4.5 });
    expect(window.verdict.message).toMatch(/4\.50 points above Aptible, more than the 1-point threshold/);
    expect(computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 5 }).verdict.kind).toBe('within-threshold');
  });

  it('treats a class Envoy has not created yet as zero, and judges too little traffic as such', () => {
    const before = readStatsSnapshot(exposition([['a_aptible', 100, { '2': 100 }, [0, 0, 100], 300], ['a_gke', 0, {}, GKE_0, 0]]));
    const after = readStatsSnapshot(exposition([['a_aptible', 200, { '2': 200 }, [0, 0, 200], 600], ['a_gke', 30, { '2': 28, '5': 2 }, [0, 0, 30], 90]]));
    const window = computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 1 });
    expect(window.aptible.rate5xx).toBe(0);
    expect(window.gke.errors5xx).toBe(2);
    expect(window.verdict.kind).toBe('too-little-traffic');
    // …but many errors roll back even on little traffic.
    const worse = readStatsSnapshot(exposition([['a_aptible', 200, { '2': 200 }, [0, 0, 200], 600], ['a_gke', 30, { '5': 30 }, [0, 0, 30], 90]]));
    expect(computeCutoverWindow(before, worse, { clusters: CLUSTERS, maxExtra5xxPercent: 1, minErrorsForRollback: 20 }).verdict.kind).toBe('rollback');
    // No GKE request at all.
    expect(computeCutoverWindow(before, before, { clusters: CLUSTERS, maxExtra5xxPercent: 1 }).verdict).toEqual({ kind: 'too-little-traffic', message: 'GKE answered no request in this window.' });
  });

  it('calls no rollback on fewer GKE 5xx than asked for, however high the rate (chance, not a difference)', () => {
    const before = readStatsSnapshot(exposition([['a_aptible', 0, {}, [0, 0, 0], 0], ['a_gke', 0, {}, GKE_0, 0]]));
    // One error in 104 requests is 0.96 %: a point above Aptible, by chance.
    const after = readStatsSnapshot(exposition([['a_aptible', 2000, { '2': 1992, '5': 8 }, [0, 0, 2000], 6000], ['a_gke', 104, { '2': 103, '5': 1 }, [0, 0, 104], 300]]));
    expect(computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 0.5 }).verdict.kind).toBe('rollback');
    const judged = computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 0.5, minErrorsToJudge: 5 });
    expect(judged.verdict).toMatchObject({ kind: 'too-little-traffic', message: expect.stringMatching(/only 1 GKE 5xx response, too few to call a difference/) });
  });

  it('counts from zero after a counter reset (Envoy restarted) and says so', () => {
    const before = readStatsSnapshot(exposition([['a_aptible', 5000, { '2': 5000 }, [0, 0, 5000], 15000], ['a_gke', 4000, { '2': 3990, '5': 10 }, [0, 0, 4000], 12000]]));
    const after = readStatsSnapshot(exposition([['a_aptible', 300, { '2': 300 }, [0, 0, 300], 900], ['a_gke', 200, { '2': 190, '5': 10 }, [0, 0, 200], 600]]));
    const window = computeCutoverWindow(before, after, { clusters: CLUSTERS, maxExtra5xxPercent: 1 });
    expect(window.gke).toMatchObject({ requests: 200, errors5xx: 10, rate5xx: 5, reset: true, latencySamples: 200 });
    expect(window.aptible).toMatchObject({ requests: 300, reset: true });
  });

  it('refuses a window whose cluster is missing or whose snapshots are out of order', () => {
    const snapshot = readStatsSnapshot(exposition([['a_aptible', 1, { '2': 1 }, [1], 1]]), { takenAt: 5 });
    expect(() => computeCutoverWindow(snapshot, snapshot, { clusters: CLUSTERS, maxExtra5xxPercent: 1 })).toThrow(/no cluster named a_gke/);
    const later = { ...snapshot, takenAt: 10 };
    expect(() => computeCutoverWindow(later, snapshot, { clusters: CLUSTERS, maxExtra5xxPercent: 1 })).toThrow(CutoverWindowError);
  });
});

describe('Prometheus text', () => {
  it('reads names, labels with escapes, special values, timestamps and comments', () => {
    const families = parsePrometheusText('# HELP x_total Things.\n# TYPE x_total counter\nx_total{a="q\\"uote",b="back\\\\slash",c="new\\nline"} 3 1700000000000\n# a comment\ny NaN\nz{} +Inf\r\nw -Inf\n');
    expect(families.get('x_total')).toEqual({ name: 'x_total', type: 'counter', samples: [{ name: 'x_total', labels: { a: 'q"uote', b: 'back\\slash', c: 'new\nline' }, value: 3 }] });
    expect(families.get('y')?.samples[0].value).toBeNaN();
    expect(families.get('z')?.samples[0].value).toBe(Infinity);
    expect(families.get('w')?.type).toBe('untyped');
  });

  it.each([
    ['a broken label', 'ok 1\nx{a="1} 2\n', 2, /label a is not closed/],
    ['a bad number', '# TYPE x counter\nx 12abc\n', 2, /"12abc" is not a number/],
    ['a negative counter', '# TYPE x counter\nx -1\n', 2, /negative/],
    ['a duplicate series', 'x{a="1"} 1\nx{a="1"} 2\n', 2, /twice with the same labels/],
    ['a duplicate label', 'x{a="1",a="2"} 1\n', 1, /label a appears twice/],
    ['a split family', 'x 1\ny 1\nx{a="b"} 2\n', 3, /appears again after another metric/],
    ['a second TYPE', '# TYPE x counter\nx 1\n# TYPE x counter\n', 3, /second time/],
    ['an unknown type', '# TYPE x countr\n', 1, /unknown type/],
    ['a bucket without le', '# TYPE h histogram\nh_bucket{a="b"} 1\n', 2, /no le label/],
    ['an invalid name', '9x 1\n', 1, /not a metric name/],
    ['a missing value', 'x{a="b"}\n', 1, /expected a value/],
    ['an invalid escape', 'x{a="\\t"} 1\n', 1, /invalid escape/],
  ])('refuses %s with its line', (_what, text, line, reason) => {
    let caught: unknown;
    try {
      parsePrometheusText(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PrometheusTextError);
    expect((caught as PrometheusTextError).line).toBe(line);
    expect((caught as PrometheusTextError).reason).toMatch(reason);
  });

  it('keeps only the clusters asked for, and refuses a histogram without +Inf', () => {
    const text = exposition([['a_aptible', 1, { '2': 1 }, [1], 1], ['b_gke', 2, { '2': 2 }, [2], 2]]);
    expect([...readStatsSnapshot(text, { clusters: ['b_gke'] }).clusters.keys()]).toEqual(['b_gke']);
    const noInf = text.replace(/^envoy_cluster_upstream_rq_time_bucket\{envoy_cluster_name="a_aptible",le="\+Inf"\} 1\n/m, '');
    expect(() => readStatsSnapshot(noInf)).toThrow(StatsSnapshotError);
    expect(() => readStatsSnapshot('x{ 1\n')).toThrow(/Envoy's stats could not be read: line 1/);
  });
});
