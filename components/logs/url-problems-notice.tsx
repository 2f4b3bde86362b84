import type { LogViewProblem } from '@/lib/logs/log-view-params';

/** The filters of a shared link that were not valid, named; the page renders it on the server. */
export function UrlProblemsNotice({ problems }: { problems: LogViewProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">Some filters in this link were not valid and were left out:</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((p) => (
          <li key={`${p.param}:${p.message}`}>
            <span className="font-mono">{p.param}</span>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
