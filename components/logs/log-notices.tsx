'use client';

import Link from 'next/link';
import type { UnstructuredStderr } from '@/lib/logs/find-unstructured-stderr';
import type { LogView } from '@/lib/logs/log-view';
import { formatTime } from '@/lib/text/format-time';

function When({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatTime(date)}</time>;
}

/** "Logs around this restart": what the view shows, and the ways out of it. */
export function RestartViewNotice({ view, sourceKind, onChange }: { view: LogView; sourceKind: 'kubernetes' | 'cloud-logging'; onChange: (patch: Partial<LogView>) => void }) {
  if (!view.previous) return null;
  const pod = view.pods.length === 1 ? view.pods[0] : undefined;
  return (
    <section aria-labelledby="restart-view" className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950">
      <h2 id="restart-view" className="font-semibold">
        Logs around a restart
      </h2>
      <p className="mt-1">
        {sourceKind === 'kubernetes' ? 'The previous container — the one that ran before the last restart — ' : 'Every line Cloud Logging kept '}
        {view.container ? (
          <>
            of container <span className="font-mono">{view.container}</span>{' '}
          </>
        ) : (
          'of every container '
        )}
        {pod ? (
          <>
            in pod <span className="font-mono">{pod}</span>
          </>
        ) : (
          'in every pod of the app'
        )}
        {view.since || view.until ? (
          <>
            {view.since ? (
              <>
                , from <When date={view.since} />
              </>
            ) : null}
            {view.until ? (
              <>
                {' '}
                to <When date={view.until} />
              </>
            ) : null}
          </>
        ) : null}
        . {sourceKind === 'kubernetes' ? 'The crash that ended it is usually in its last lines, at the bottom.' : 'Cloud Logging keeps the lines of every container instance; the time range picks the ones around the restart.'}
      </p>
      <div className="mt-2 flex flex-wrap gap-3">
        <button type="button" className="text-brand-700 underline" onClick={() => onChange({ previous: false, since: undefined, until: undefined })}>
          Show the running container instead
        </button>
        <button type="button" className="text-brand-700 underline" onClick={() => onChange({ previous: false, pods: [], container: undefined, since: undefined, until: undefined, range: undefined })}>
          Show every pod, last hour
        </button>
      </div>
    </section>
  );
}

/** Plain text on stderr: in Cloud Logging every such line — each line of a stack trace — is an ERROR. */
export function UnstructuredStderrNotice({ finding, onDismiss }: { finding: UnstructuredStderr | undefined; onDismiss: () => void }) {
  if (!finding) return null;
  return (
    <section aria-labelledby="stderr-notice" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <div className="flex items-start justify-between gap-4">
        <h2 id="stderr-notice" className="font-semibold">
          This app writes plain-text errors
        </h2>
        <button type="button" onClick={onDismiss} className="shrink-0 text-xs text-amber-900 underline">
          Dismiss<span className="sr-only"> the note about plain-text errors</span>
        </button>
      </div>
      <p className="mt-1">
        {finding.certain
          ? `${finding.lines.toLocaleString('en-US')} of these lines went to stderr as plain text, so each one is stored as ERROR`
          : `${finding.lines.toLocaleString('en-US')} of these lines look like errors written as plain text (such as “${finding.example.slice(0, 80)}”)`}
        . In Cloud Logging everything on stderr becomes ERROR unless it is a JSON line with a <code className="font-mono">severity</code> field — every
        line of a stack trace too — which makes error counts and alerts noisy.{' '}
        <Link href="/guides/logs" className="underline">How to log JSON with a severity</Link>
      </p>
    </section>
  );
}
