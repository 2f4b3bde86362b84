// The burn-up: apps at each milestone over time, as step lines under the scope (apps tracked).
// An SVG for the eye, described for screen readers, with the numbers as a table beside it.
import type { BurnupMilestone, BurnupPoint } from '@/lib/migration/migration-burnup';

const SERIES: { key: BurnupMilestone | 'tracked'; label: string; color: string; dash?: string }[] = [
  { key: 'tracked', label: 'Apps moving (scope)', color: '#64748b', dash: '4 3' },
  { key: 'gke-stage', label: 'Running in GKE stage or further', color: '#0369a1' },
  { key: 'validated-in-stage', label: 'Validated in stage or further', color: '#7c3aed' },
  { key: 'gke-100', label: '100 % on GKE or further', color: '#047857' },
  { key: 'aptible-deprovisioned', label: 'Aptible deprovisioned', color: '#b45309' },
];

const W = 640;
const H = 220;
const PAD = { left: 32, right: 12, top: 12, bottom: 28 };

function valueOf(point: BurnupPoint, key: BurnupMilestone | 'tracked'): number {
  return key === 'tracked' ? point.tracked : point.reached[key];
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function BurnupChart({ points, now, truncated }: { points: BurnupPoint[]; now: string; truncated: boolean }) {
  const start = Date.parse(points[0].time);
  const end = Math.max(Date.parse(now), start + 1);
  const max = Math.max(1, ...points.map((p) => p.tracked));
  const x = (t: number) => PAD.left + ((t - start) / (end - start)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const last = points[points.length - 1];
  const path = (key: BurnupMilestone | 'tracked') => {
    let d = '';
    points.forEach((p, i) => {
      const px = x(Date.parse(p.time));
      const py = y(valueOf(p, key));
      d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
    });
    return `${d}H${x(end)}`;
  };
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const summary = `From ${day(points[0].time)} to ${day(now)}: ${SERIES.map((s) => `${s.label.toLowerCase()} ${valueOf(last, s.key)}`).join(', ')}.`;

  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby="burnup-title burnup-desc">
        <title id="burnup-title">Migration burn-up</title>
        <desc id="burnup-desc">{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {t}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={H - 8} fontSize="11" fill="#475569">
          {day(points[0].time)}
        </text>
        <text x={W - PAD.right} y={H - 8} fontSize="11" fill="#475569" textAnchor="end">
          {day(now)}
        </text>
        {SERIES.map((s) => (
          <path key={s.key} d={path(s.key)} fill="none" stroke={s.color} strokeWidth={s.key === 'tracked' ? 1.5 : 2.5} strokeDasharray={s.dash} />
        ))}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700" aria-label="Lines of the chart">
          {SERIES.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <svg width="18" height="6" aria-hidden="true">
                <line x1="0" x2="18" y1="3" y2="3" stroke={s.color} strokeWidth="3" strokeDasharray={s.dash} />
              </svg>
              {s.label}: <span className="font-medium tabular-nums">{valueOf(last, s.key)}</span>
            </li>
          ))}
        </ul>
        {points.length === 1 ? (
          <p className="mt-2 text-sm text-slate-600">
            The history of migration.yaml files starts with one commit ({day(points[0].time)}): the lines grow as apps move.
          </p>
        ) : null}
        {truncated ? <p className="mt-2 text-sm text-slate-600">Only the latest {points.length} changes are drawn.</p> : null}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-800">The numbers behind the chart</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full text-left">
            <caption className="sr-only">Apps at each milestone after each change of a migration.yaml</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Date
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Change
                </th>
                {SERIES.map((s) => (
                  <th key={s.key} scope="col" className="py-1 pr-3 font-medium">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.revision} className="border-b border-slate-100">
                  <td className="py-1 pr-3 whitespace-nowrap">{day(p.time)}</td>
                  <td className="py-1 pr-3">
                    <span className="font-mono text-xs">{p.revision.slice(0, 7)}</span> {p.subject}
                  </td>
                  {SERIES.map((s) => (
                    <td key={s.key} className="py-1 pr-3 tabular-nums">
                      {valueOf(p, s.key)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
