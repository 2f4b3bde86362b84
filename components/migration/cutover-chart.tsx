// Both sides per snapshot interval while a step runs: two small line charts (5xx rate and p95
// latency, Aptible dashed, GKE solid) described in words for screen readers, and the same numbers
// in a table. Pure SVG, no chart library; fits 390 px.
import type { CutoverPoint } from '@/lib/migration/cutover-view';
import { formatMs, formatRate, formatUtcTime } from './cutover-format';

interface Series {
  label: string;
  aptible: (number | null)[];
  gke: (number | null)[];
  format: (value: number) => string;
}

const W = 320;
const H = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 18 };

function path(values: (number | null)[], max: number): string {
  const n = values.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => H - PAD.bottom - (max === 0 ? 0 : (v / max) * (H - PAD.top - PAD.bottom));
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false; // a failed snapshot is a gap, not a zero
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function lastOf(values: (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

function MiniChart({ series, id }: { series: Series; id: string }) {
  const all = [...series.aptible, ...series.gke].filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(...all, 0) * 1.1 || 1;
  const lastA = lastOf(series.aptible);
  const lastG = lastOf(series.gke);
  const describe = `Last interval: Aptible ${lastA === null ? 'no data' : series.format(lastA)}, GKE ${lastG === null ? 'no data' : series.format(lastG)}; highest ${series.format(max / 1.1)} over ${series.aptible.length} intervals.`;
  return (
    <figure className="min-w-0">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{series.label}</title>
        <desc id={`${id}-desc`}>{describe}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#94a3b8" />
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} stroke="#94a3b8" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="10" fill="#475569">
          {series.format(max)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize="10" fill="#475569">
          0
        </text>
        <path d={path(series.aptible, max)} fill="none" stroke="#475569" strokeWidth="2" strokeDasharray="5 3" />
        <path d={path(series.gke, max)} fill="none" stroke="#1d4ed8" strokeWidth="2" />
      </svg>
      <figcaption className="text-xs text-slate-600">{series.label}</figcaption>
    </figure>
  );
}

export function CutoverChart({ points }: { points: CutoverPoint[] }) {
  if (points.length === 0) return <p className="mt-2 text-sm text-slate-600">The first numbers arrive with the next snapshot of Envoy&rsquo;s stats.</p>;
  const rate = (p: CutoverPoint, side: 'aptible' | 'gke') => p.window?.[side].rate5xx ?? null;
  const p95 = (p: CutoverPoint, side: 'aptible' | 'gke') => p.window?.[side].latencyMs?.p95 ?? null;
  return (
    <div className="mt-3">
      <p className="flex flex-wrap gap-x-4 text-xs text-slate-700" aria-hidden="true">
        <span>
          <svg width="24" height="8" className="mr-1 inline">
            <line x1="0" x2="24" y1="4" y2="4" stroke="#475569" strokeWidth="2" strokeDasharray="5 3" />
          </svg>
          Aptible
        </span>
        <span>
          <svg width="24" height="8" className="mr-1 inline">
            <line x1="0" x2="24" y1="4" y2="4" stroke="#1d4ed8" strokeWidth="2" />
          </svg>
          GKE
        </span>
      </p>
      <div className="mt-1 grid gap-3 sm:grid-cols-2">
        <MiniChart id="cutover-5xx" series={{ label: '5xx rate per snapshot interval', aptible: points.map((p) => rate(p, 'aptible')), gke: points.map((p) => rate(p, 'gke')), format: formatRate }} />
        <MiniChart id="cutover-p95" series={{ label: 'p95 latency per snapshot interval', aptible: points.map((p) => p95(p, 'aptible')), gke: points.map((p) => p95(p, 'gke')), format: formatMs }} />
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-700">The numbers per snapshot interval ({points.length})</summary>
        <div className="mt-2 max-w-full overflow-x-auto">
          <table className="min-w-full text-left text-xs">
            <caption className="sr-only">Both sides per snapshot interval</caption>
            <thead>
              <tr className="text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">Until</th>
                <th scope="col" className="py-1 pr-3 font-medium">Aptible requests</th>
                <th scope="col" className="py-1 pr-3 font-medium">Aptible 5xx</th>
                <th scope="col" className="py-1 pr-3 font-medium">Aptible p95</th>
                <th scope="col" className="py-1 pr-3 font-medium">GKE requests</th>
                <th scope="col" className="py-1 pr-3 font-medium">GKE 5xx</th>
                <th scope="col" className="py-1 pr-3 font-medium">GKE p95</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.at} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {formatUtcTime(p.at)}
                  </th>
                  {p.window ? (
                    <>
                      <td className="py-1 pr-3">{p.window.aptible.requests}</td>
                      <td className="py-1 pr-3">{formatRate(p.window.aptible.rate5xx)}</td>
                      <td className="py-1 pr-3">{formatMs(p.window.aptible.latencyMs?.p95 ?? null)}</td>
                      <td className="py-1 pr-3">{p.window.gke.requests}</td>
                      <td className="py-1 pr-3">{formatRate(p.window.gke.rate5xx)}</td>
                      <td className="py-1 pr-3">{formatMs(p.window.gke.latencyMs?.p95 ?? null)}</td>
                    </>
                  ) : (
                    <td colSpan={6} className="py-1 pr-3 text-amber-800">
                      No snapshot: {p.error}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
