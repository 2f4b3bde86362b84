import type { ValuesProblem } from '@/lib/values';

export function ProblemsList({ problems, currentFile }: { problems: ValuesProblem[]; currentFile: string }) {
  if (problems.length === 0) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        The merged values pass the chart&apos;s schema and its checks.
      </p>
    );
  }
  return (
    <section aria-labelledby="problems-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="problems-title" className="font-semibold text-slate-900">
        Problems ({problems.length})
      </h2>
      <ul className="mt-2 space-y-1 text-sm" aria-label="Problems">
        {problems.map((p, i) => (
          <li key={`${p.file}:${p.line}:${p.column}:${i}`} className="flex gap-2">
            <span className={`shrink-0 rounded px-1.5 text-xs font-medium ${p.severity === 'error' ? 'bg-red-100 text-red-800' : 'bg-amber-100 text-amber-900'}`}>
              {p.severity}
            </span>
            <span>
              <span className="font-mono text-xs text-slate-600">
                {p.file === currentFile ? 'this file' : p.file}, line {p.line}:{p.column}
              </span>{' '}
              {p.message}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
