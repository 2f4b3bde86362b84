import type { SessionRatingPoint } from '@/lib/feedback/digest';
import { formatDate } from '@/lib/text/format-time';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 24, right: 24, bottom: 44, left: 36 };

const shortDate = (iso: string) => formatDate(iso).slice(5);

/**
 * Average rating per session, oldest first, as a small inline SVG (no chart library: it prints,
 * and it is one line plus dots). The same numbers follow as a table for screen readers and paper.
 */
export function RatingsChart({ points }: { points: SessionRatingPoint[] }) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = (rating: number) => PAD.top + ((5 - rating) / 4) * plotHeight;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.average).toFixed(1)}`).join(' ');
  const summary = points.map((p) => `${p.title} (${shortDate(p.startsAt)}): ${p.average.toFixed(1)} from ${p.count}`).join('; ');

  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Average session rating out of 5: ${summary}`} className="h-auto w-full max-w-3xl">
        {[1, 2, 3, 4, 5].map((r) => (
          <g key={r}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(r)} y2={y(r)} className="stroke-slate-200" strokeWidth={1} />
            <text x={PAD.left - 8} y={y(r) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {r}
            </text>
          </g>
        ))}
        {points.length > 1 ? <path d={path} fill="none" className="stroke-brand-600" strokeWidth={2} /> : null}
        {points.map((p, i) => (
          <g key={p.sessionId}>
            <circle cx={x(i)} cy={y(p.average)} r={4.5} className="fill-brand-700" />
            <text x={x(i)} y={y(p.average) - 10} textAnchor="middle" className="fill-slate-900 text-[11px] font-semibold">
              {p.average.toFixed(1)}
            </text>
            <text x={x(i)} y={HEIGHT - PAD.bottom + 18} textAnchor="middle" className="fill-slate-600 text-[11px]">
              {shortDate(p.startsAt)}
            </text>
            <text x={x(i)} y={HEIGHT - PAD.bottom + 32} textAnchor="middle" className="fill-slate-400 text-[10px]">
              n={p.count}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">Average session rating over time</figcaption>
      <table className="w-full max-w-3xl text-left text-sm">
        <caption className="sr-only">Session ratings</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 font-medium">Session</th>
            <th scope="col" className="py-1 font-medium">Date</th>
            <th scope="col" className="py-1 text-right font-medium">Average</th>
            <th scope="col" className="py-1 text-right font-medium">Ratings</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {points.map((p) => (
            <tr key={p.sessionId}>
              <td className="py-1">
                <a href={`/feedback/sessions/${p.sessionId}`}>{p.title}</a>
              </td>
              <td className="py-1 text-slate-600">{shortDate(p.startsAt)}</td>
              <td className="py-1 text-right tabular-nums">{p.average.toFixed(1)}</td>
              <td className="py-1 text-right tabular-nums text-slate-600">{p.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
