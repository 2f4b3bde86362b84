// Readiness, one check per row: passes or fails (in words, not only colour), what Berth found,
// the fix, where to make it and the guide that teaches it.
import Link from 'next/link';
import type { ReadinessCheck } from '@/lib/migration/compute-readiness';

export function ReadinessList({ checks }: { checks: ReadinessCheck[] }) {
  return (
    <ul className="mt-3 divide-y divide-slate-100" aria-label="Readiness checks">
      {checks.map((c) => (
        <li key={c.id} className="py-3" aria-label={`${c.title}: ${c.status === 'pass' ? 'passes' : 'fails'}`}>
          <div className="flex flex-wrap items-baseline gap-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${c.status === 'pass' ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}>
              {c.status === 'pass' ? '✓ Passes' : '✗ Fails'}
            </span>
            <span className="font-medium text-slate-900">{c.title}</span>
          </div>
          <p className="mt-1 text-sm text-slate-700">{c.found}</p>
          {c.status === 'fail' && c.fix ? (
            <p className="mt-1 text-sm text-slate-700">
              <span className="font-medium">Fix: </span>
              {c.fix}
            </p>
          ) : null}
          <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
            {c.status === 'fail' && c.where ? <Link href={c.where.href}>Open {c.where.label} →</Link> : null}
            <Link href={c.guide.href}>Guide: {c.guide.title}</Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
