import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { shortRevision } from '@/lib/gitops/short-revision';
import type { TimelineEntry } from '@/lib/kube/app-timeline';
import { restartLogsHref } from './log-links';
import { formatDate } from '@/lib/text/format-time';

// Each kind of entry in the users' words, with what Aptible called it.
const KINDS: Record<TimelineEntry['kind'], { label: string; tone: BadgeTone; aptible: string }> = {
  commit: { label: 'Values changed', tone: 'brand', aptible: 'On Aptible: a configuration change or deploy operation' },
  rollout: { label: 'Rollout', tone: 'info', aptible: 'On Aptible: a new release of a service' },
  restart: { label: 'Restart', tone: 'warn', aptible: 'On Aptible: a container restart in Activity' },
  warning: { label: 'Warning', tone: 'bad', aptible: 'Kubernetes events: Aptible showed these only inside its operations' },
};


function Body({ entry, app, environment }: { entry: TimelineEntry; app: string; environment: string }) {
  switch (entry.kind) {
    case 'commit':
      return (
        <>
          <p className="font-medium text-slate-900">{entry.subject}</p>
          <p className="text-sm text-slate-600">
            <span className="font-mono">{shortRevision(entry.revision)}</span> by {entry.author}
            {entry.approvedBy ? (
              <>
                , approved by {entry.approvedBy}
                {entry.changeId ? (
                  <>
                    {' '}
                    in <Link href={`/changes/${entry.changeId}`}>change request #{entry.changeId}</Link>
                  </>
                ) : null}
              </>
            ) : null} · {entry.files.join(', ')} ·{' '}
            <Link href={`/apps/${app}/history`}>diff</Link>
          </p>
          {entry.undeployable ? (
            <p className="mt-1 text-sm text-red-800">
              <strong>Will not deploy to {environment}:</strong> its values fail validation — {entry.undeployable}. CI/CD skips this commit.
            </p>
          ) : null}
        </>
      );
    case 'rollout':
      return (
        <>
          <p className="font-medium text-slate-900">
            {entry.component}: rollout{entry.rolloutNumber ? ` #${entry.rolloutNumber}` : ''} started
          </p>
          <p className="text-sm text-slate-600">
            {entry.configRevision ? (
              <>
                config <span className="font-mono">{shortRevision(entry.configRevision)}</span> ·{' '}
              </>
            ) : null}
            <span className="break-all font-mono text-xs">{entry.images.join(', ')}</span>
          </p>
        </>
      );
    case 'restart':
      return (
        <>
          <p className="font-medium text-slate-900">
            {entry.container} in <span className="font-mono">{entry.pod}</span> stopped: {entry.reason}
            {entry.exitCode !== undefined ? `, exit code ${entry.exitCode}` : ''}
          </p>
          <p className="text-sm text-slate-600">
            {entry.restarts} {entry.restarts === 1 ? 'restart' : 'restarts'} so far (Kubernetes keeps only the last one) ·{' '}
            <Link href={restartLogsHref(app, environment, entry.pod, entry.container, entry.time)}>Logs around this restart</Link>
          </p>
        </>
      );
    case 'warning':
      return (
        <>
          <p className="font-medium text-slate-900">
            {entry.reason}
            {entry.count > 1 ? <span className="font-normal text-slate-600"> ×{entry.count}</span> : null}
          </p>
          <p className="text-sm text-slate-600">
            <span className="font-mono text-xs">{entry.object}</span>: {entry.message}
          </p>
        </>
      );
  }
}

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** The entries, newest first, under a heading per day (UTC, like the cluster's clocks). */
export function TimelineList({ entries, app, environment }: { entries: TimelineEntry[]; app: string; environment: string }) {
  const days = [...new Set(entries.map((e) => dayOf(e.time)))];
  return (
    <div className="space-y-6">
      {days.map((day) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`} className="mb-2 text-sm font-semibold text-slate-700">
            {formatDate(`${day}T00:00:00Z`, { weekday: true })}
          </h2>
          <ol className="space-y-2" aria-label={`What happened on ${day}`}>
            {entries
              .filter((e) => dayOf(e.time) === day)
              .map((entry, i) => {
                const kind = KINDS[entry.kind];
                return (
                  <li key={`${entry.kind}-${entry.time}-${i}`} data-kind={entry.kind} className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3">
                    <div className="w-28 shrink-0 space-y-1 text-xs text-slate-600">
                      <Badge tone={kind.tone} title={kind.aptible}>
                        {kind.label}
                      </Badge>
                      <p>
                        <RelativeTime iso={entry.time} />
                      </p>
                      <p className="font-mono">{entry.time.slice(11, 19)} UTC</p>
                    </div>
                    <div className="min-w-0">
                      <Body entry={entry} app={app} environment={environment} />
                    </div>
                  </li>
                );
              })}
          </ol>
        </section>
      ))}
    </div>
  );
}
