// The legend of Kubernetes words and their Aptible equivalents under the status heading. Static
// (a native <details>): rendered on the server, so its table adds nothing to the page's JavaScript.

const TERM_PAIRS: { kubernetes: string; aptible: string; note: string }[] = [
  { kubernetes: 'Deployment', aptible: 'Service', note: 'one process type of the app (a Procfile line); `deployments:` in the values' },
  { kubernetes: 'Replicas (pods)', aptible: 'Container count', note: 'apps:scale SERVICE --container-count; `replicas:`' },
  { kubernetes: 'Pod', aptible: 'Container', note: 'one running copy of a service' },
  { kubernetes: 'Resources limits', aptible: 'Container size', note: 'apps:scale --container-size; `resources.limits.memory`' },
  { kubernetes: 'Rollout', aptible: 'Deploy', note: 'new pods start, become ready, old ones stop' },
  { kubernetes: 'Readiness probe', aptible: 'Release health check', note: 'a pod gets traffic only once it passes' },
  { kubernetes: 'Events', aptible: 'Activity', note: 'what the platform did and when' },
  { kubernetes: 'PodDisruptionBudget', aptible: '(no equivalent)', note: 'how many pods a node upgrade may stop at once' },
];

export function AptibleTermsLegend() {
  return (
    <details className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium text-slate-800">Kubernetes words and their Aptible equivalents</summary>
      <div className="relative mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Kubernetes terms and Aptible terms</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Kubernetes</th>
              <th scope="col" className="py-1 pr-3 font-medium">Aptible</th>
              <th scope="col" className="py-1 font-medium">What it is</th>
            </tr>
          </thead>
          <tbody>
            {TERM_PAIRS.map((pair) => (
              <tr key={pair.kubernetes} className="border-t border-slate-200 align-top">
                <td className="py-1 pr-3 font-medium text-slate-900">{pair.kubernetes}</td>
                <td className="py-1 pr-3 text-slate-800">{pair.aptible}</td>
                <td className="py-1 text-slate-600">
                  <CodeSpans text={pair.note} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** `backticked` words of a note as code, the rest as text. */
function CodeSpans({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-xs text-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
