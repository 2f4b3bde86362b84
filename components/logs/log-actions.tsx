'use client';
// The row under the filters: follow live, refresh, and the ways to take the view elsewhere — a
// link to it, a download of its lines, the same query in Google Cloud's Logs Explorer.
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { buildCloudLoggingFilter, logsExplorerUrl } from '@/lib/logs/build-filter';
import { canFollow, DEFAULT_TIME_RANGE, type LogView, TIME_RANGE_PRESETS } from '@/lib/logs/log-view';

interface LogActionsProps {
  app: { name: string; namespace: string };
  environment: { name: string; project: string; cluster: string };
  view: LogView;
  /** The end of the time window a preset range counts back from. */
  anchor: number;
  following: boolean;
  live: boolean;
  downloadHref: string;
  onFollow: () => void;
  onRefresh: () => void;
}

export function LogActions({ app, environment, view, anchor, following, live, downloadHref, onFollow, onRefresh }: LogActionsProps) {
  const explorerHref = useMemo(() => {
    const filter = buildCloudLoggingFilter(
      { app: app.name, namespace: app.namespace, cluster: environment.cluster, pods: view.pods, container: view.container, minSeverity: view.severity, text: view.q },
      { projectId: environment.project, includeTime: false },
    );
    try {
      if (view.since || view.until) {
        const until = view.until ?? new Date(anchor);
        const since = view.since ?? new Date(until.getTime() - TIME_RANGE_PRESETS[DEFAULT_TIME_RANGE].ms);
        return logsExplorerUrl(filter, environment.project, { since, until });
      }
      return logsExplorerUrl(filter, environment.project, { duration: TIME_RANGE_PRESETS[view.range ?? DEFAULT_TIME_RANGE].isoDuration });
    } catch {
      return undefined;
    }
  }, [app, environment, view, anchor]);

  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(globalThis.location.href);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
      <Button
        variant={following ? 'primary' : 'secondary'}
        aria-pressed={following}
        disabled={!canFollow(view)}
        title={canFollow(view) ? undefined : 'Only a time range that reaches now, on the running container, gets new lines.'}
        onClick={onFollow}
      >
        <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${following && live ? 'bg-emerald-400' : 'bg-slate-400'}`} />
        Follow live
      </Button>
      <Button variant="secondary" onClick={onRefresh}>
        Refresh
      </Button>
      <span className="mx-1 hidden h-5 w-px bg-slate-200 sm:inline-block" aria-hidden />
      <Button variant="ghost" onClick={() => void copyLink()}>
        Copy link
      </Button>
      <a href={downloadHref} download className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:no-underline">
        Download
      </a>
      {explorerHref ? (
        <a href={explorerHref} target="_blank" rel="noreferrer" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:no-underline">
          Open in Logs Explorer<span className="sr-only"> (Google Cloud console, new tab)</span> ↗
        </a>
      ) : null}
      <span role="status" className="text-sm text-slate-600">
        {copied === 'copied' ? 'Link copied.' : copied === 'failed' ? 'Could not copy: the address bar has the link.' : ''}
      </span>
    </div>
  );
}
