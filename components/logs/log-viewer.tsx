'use client';
// The logs page: filters in the address bar (so a link opens the same view), pages of lines from
// the log route, new lines from its event stream, all in one virtualized list.
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { buildCloudLoggingFilter, logsExplorerUrl } from '@/lib/logs/build-filter';
import { findUnstructuredStderr } from '@/lib/logs/find-unstructured-stderr';
import { combineLines, MAX_BUFFERED_LINES, appendFollowed, pagesOldestFirst } from '@/lib/logs/log-buffer';
import type { LogEntry } from '@/lib/logs/log-entry';
import {
  canFollow,
  DEFAULT_TIME_RANGE,
  type LogView,
  logViewSearchParams,
  parseLogView,
  resolveTimeWindow,
  TIME_RANGE_PRESETS,
} from '@/lib/logs/log-view-params';
import { fetchStatusPods, LogFetchError, type PodOption } from './fetch-logs';
import { LogFilters } from './log-filters';
import type { LogListHandle } from './log-list';
import type { RowExpansion } from './log-row';
import { LogsLoading } from './logs-loading';
import { useLogFollow } from './use-log-follow';
import { useLogPages } from './use-log-pages';

export interface LogViewerProps {
  app: { name: string; namespace: string };
  environments: { name: string; project: string; cluster: string }[];
  /** The page's search params, as the server read them (invalid ones already left out). */
  initialSearch: string;
  /** The server's clock when it rendered the page: presets count back from it until a change. */
  initialNow: number;
  sourceKind: 'kubernetes' | 'cloud-logging';
  /** Rendered above the viewer (the server's notice about a link's invalid filters). */
  notice?: ReactNode;
}

const PAGE_SIZE = 500;
const NO_ENTRIES: LogEntry[] = [];
const NO_PODS: ReadonlyMap<string, ReadonlySet<string>> = new Map();

function podsOfLines(lines: readonly LogEntry[]): Map<string, Set<string>> {
  const pods = new Map<string, Set<string>>();
  for (const line of lines) {
    let containers = pods.get(line.pod);
    if (!containers) pods.set(line.pod, (containers = new Set()));
    containers.add(line.container);
  }
  return pods;
}

function addsPods(known: ReadonlyMap<string, ReadonlySet<string>>, found: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const [pod, containers] of found) {
    const had = known.get(pod);
    if (!had) return true;
    for (const c of containers) if (!had.has(c)) return true;
  }
  return false;
}

function mergePods(known: ReadonlyMap<string, ReadonlySet<string>>, found: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const merged = new Map<string, Set<string>>([...known].map(([pod, containers]) => [pod, new Set(containers)]));
  for (const [pod, containers] of found) {
    const into = merged.get(pod) ?? new Set<string>();
    for (const c of containers) into.add(c);
    merged.set(pod, into);
  }
  return merged;
}

// What is only needed once lines arrive, or only in some situations — the virtualized list (the
// virtualizer is most of its code), the empty and error states, the notices — loads while the
// first page of lines is being read, not before the page can be used.
const loadLogList = () => import('./log-list');
const loadStates = () => import('./log-states');
const loadNotices = () => import('./log-notices');
const LogList = lazy(() => loadLogList().then((module) => ({ default: module.LogList })));
const LogsEmpty = lazy(() => loadStates().then((module) => ({ default: module.LogsEmpty })));
const LogsError = lazy(() => loadStates().then((module) => ({ default: module.LogsError })));
const RestartViewNotice = lazy(() => loadNotices().then((module) => ({ default: module.RestartViewNotice })));
const UnstructuredStderrNotice = lazy(() => loadNotices().then((module) => ({ default: module.UnstructuredStderrNotice })));

/** The app's pods from the status API for the pod picker; null until known or when unavailable. */
function useStatusPods(app: string, environment: string): PodOption[] | null {
  const [found, setFound] = useState<{ key: string; pods: PodOption[] | null }>({ key: '', pods: null });
  const key = `${app}\n${environment}`;
  useEffect(() => {
    const controller = new AbortController();
    void fetchStatusPods(app, environment, controller.signal).then((pods) => {
      if (!controller.signal.aborted) setFound({ key, pods });
    });
    return () => controller.abort();
  }, [app, environment, key]);
  return found.key === key ? found.pods : null;
}

export function LogViewer({ app, environments, initialSearch, initialNow, sourceKind, notice }: LogViewerProps) {
  const [view, setView] = useState<LogView>(() => {
    const parsed = parseLogView(new URLSearchParams(initialSearch));
    return parsed.ok ? parsed.view : { pods: [], previous: false, follow: false };
  });
  const [anchor, setAnchor] = useState(initialNow);
  const environment = environments.find((e) => e.name === view.env) ?? environments[0];
  const following = view.follow && canFollow(view);

  // ---- the lines: pages from the log route (a fixed window, so page tokens stay valid) ----------
  const timeWindow = useMemo(() => resolveTimeWindow({ range: view.range, since: view.since, until: view.until }, new Date(anchor)), [view.range, view.since, view.until, anchor]);
  const filterParams = useMemo(
    () => logViewSearchParams({ ...view, env: environment.name, follow: false, range: undefined, since: undefined, until: undefined }).toString(),
    [view, environment.name],
  );
  const apiParams = useMemo(() => {
    const params = new URLSearchParams(filterParams);
    if (timeWindow.since) params.set('since', timeWindow.since.toISOString());
    if (timeWindow.until) params.set('until', timeWindow.until.toISOString());
    return params.toString();
  }, [filterParams, timeWindow]);
  const logsUrl = `/api/apps/${encodeURIComponent(app.name)}/logs`;
  useEffect(() => {
    void Promise.all([loadLogList(), loadStates(), loadNotices()]);
  }, []);
  const pages = useLogPages(`${app.name}?${apiParams}`, (pageToken) =>
    `${logsUrl}?${apiParams}&pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
  );
  const older = useMemo(() => pagesOldestFirst(pages.pages?.map((p) => p.entries) ?? []), [pages.pages]);

  // ---- new lines from the event stream, from the newest line read on --------------------------
  const followedRef = useRef<{ key: string; entries: LogEntry[]; seen: Set<string> }>({ key: '', entries: [], seen: new Set() });
  const [followed, setFollowed] = useState<{ key: string; entries: LogEntry[] }>({ key: '', entries: NO_ENTRIES });
  const onEntries = useCallback(
    (batch: LogEntry[]) => {
      let current = followedRef.current;
      if (current.key !== apiParams) current = followedRef.current = { key: apiParams, entries: [], seen: new Set() };
      const next = appendFollowed(current.entries, batch, current.seen, MAX_BUFFERED_LINES);
      if (next === current.entries) return;
      current.entries = next;
      setFollowed({ key: apiParams, entries: next });
    },
    [apiParams],
  );
  const newestRead = pages.pages?.[0]?.entries[0]?.time;
  const followSince = pages.isSuccess ? (newestRead ?? new Date(anchor).toISOString()) : null;
  const streamUrl = following && followSince ? `${logsUrl}/stream?${filterParams}${filterParams ? '&' : ''}since=${encodeURIComponent(followSince)}` : null;
  const follow = useLogFollow(streamUrl, onEntries);
  const followedEntries = followed.key === apiParams ? followed.entries : NO_ENTRIES;
  const { lines, dropped } = useMemo(() => combineLines(older, followedEntries, MAX_BUFFERED_LINES), [older, followedEntries]);

  // ---- reading position: follow the bottom until the reader scrolls up ------------------------
  const listRef = useRef<LogListHandle>(null);
  const [pausedAfter, setPausedAfter] = useState<string | null>(null);
  const scrolledUp = pausedAfter !== null;
  const onScrolledUp = useCallback(
    (up: boolean) => setPausedAfter((current) => (up ? (current ?? lines[lines.length - 1]?.insertId ?? '') : null)),
    [lines],
  );
  const newBelow = useMemo(() => {
    if (pausedAfter === null) return 0;
    for (let i = lines.length - 1; i >= 0; i -= 1) if (lines[i].insertId === pausedAfter) return lines.length - 1 - i;
    return lines.length;
  }, [lines, pausedAfter]);
  const jumpToLatest = () => {
    setPausedAfter(null);
    listRef.current?.scrollToLatest();
    listRef.current?.focus();
  };

  // ---- pods and containers: from the status API when it exists, else from the lines seen ------
  const statusPods = useStatusPods(app.name, environment.name);
  // Pods seen in this environment's lines so far (a pod filter must not empty the picker).
  const linePods = useMemo(() => podsOfLines(lines), [lines]);
  const [knownPods, setKnownPods] = useState<{ env: string; pods: ReadonlyMap<string, ReadonlySet<string>> }>({ env: environment.name, pods: new Map() });
  let seenPods = knownPods.env === environment.name ? knownPods.pods : NO_PODS;
  if (addsPods(seenPods, linePods)) {
    seenPods = mergePods(seenPods, linePods);
    setKnownPods({ env: environment.name, pods: seenPods });
  }
  const podOptions = useMemo<PodOption[]>(
    () => statusPods ?? [...seenPods].map(([name, containers]) => ({ name, containers: [...containers].map((c) => ({ name: c })) })),
    [statusPods, seenPods],
  );

  // ---- view changes: state, address bar, fresh window ------------------------------------------
  const applyView = useCallback(
    (patch: Partial<LogView>, options: { keepWindow?: boolean } = {}) => {
      const next: LogView = { ...view, ...patch };
      if (!canFollow(next)) next.follow = false;
      setView(next);
      if (!options.keepWindow) setAnchor(Date.now());
      setPausedAfter(null);
      listRef.current?.scrollToLatest();
      const search = logViewSearchParams(next).toString();
      globalThis.history.replaceState(globalThis.history.state, '', `${globalThis.location.pathname}${search ? `?${search}` : ''}`);
    },
    [view],
  );
  const refresh = () => {
    followedRef.current = { key: '', entries: [], seen: new Set() };
    setFollowed({ key: '', entries: NO_ENTRIES });
    setPausedAfter(null);
    listRef.current?.scrollToLatest();
    if (view.since || view.until) pages.reset();
    else setAnchor(Date.now());
  };

  const [expansions, setExpansions] = useState<ReadonlyMap<string, RowExpansion>>(new Map());
  const onToggle = useCallback((insertId: string, what: keyof RowExpansion) => {
    setExpansions((current) => {
      const next = new Map(current);
      const row = { ...next.get(insertId) };
      row[what] = !row[what];
      next.set(insertId, row);
      return next;
    });
  }, []);

  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const unstructured = useMemo(() => findUnstructuredStderr(lines), [lines]);
  const [stderrNoticeDismissed, setStderrNoticeDismissed] = useState(false);
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

  const error = pages.error instanceof LogFetchError ? pages.error : pages.error ? new LogFetchError(0, 'unknown', pages.error.message, undefined, true) : null;
  const firstPageFailed = error && !pages.isFetchNextPageError;
  const atCap = lines.length >= MAX_BUFFERED_LINES;
  let followText: string | null = null;
  if (following) {
    const state = follow.state;
    if (state?.status === 'stopped') followText = null;
    else if (scrolledUp) followText = 'Following live — paused while you read above';
    else if (state?.status === 'live') followText = 'Following live';
    else if (state?.status === 'reconnecting') followText = 'Reconnecting…';
    else followText = 'Connecting…';
  }

  return (
    <div className="space-y-4">
      {notice}
      {view.previous ? (
        <LoadBoundary what="The notice about the previous container">
          <Suspense fallback={null}>
            <RestartViewNotice view={view} sourceKind={sourceKind} onChange={applyView} />
          </Suspense>
        </LoadBoundary>
      ) : null}
      <section aria-label="Log filters" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <LogFilters view={view} environments={environments} pods={podOptions} sourceKind={sourceKind} window={timeWindow} onChange={applyView} searchRef={searchRef} />
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
          <Button
            variant={following ? 'primary' : 'secondary'}
            aria-pressed={following}
            disabled={!canFollow(view)}
            title={canFollow(view) ? undefined : 'Only a time range that reaches now, on the running container, gets new lines.'}
            onClick={() => applyView({ follow: !view.follow }, { keepWindow: true })}
          >
            <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${following && follow.state?.status === 'live' ? 'bg-emerald-400' : 'bg-slate-400'}`} />
            Follow live
          </Button>
          <Button variant="secondary" onClick={refresh}>
            Refresh
          </Button>
          <span className="mx-1 hidden h-5 w-px bg-slate-200 sm:inline-block" aria-hidden />
          <Button variant="ghost" onClick={() => void copyLink()}>
            Copy link
          </Button>
          <a href={`${logsUrl}/download?${apiParams}`} download className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:no-underline">
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
      </section>

      {unstructured && !stderrNoticeDismissed ? (
        <LoadBoundary what="The notice about unstructured output">
          <Suspense fallback={null}>
            <UnstructuredStderrNotice finding={unstructured} onDismiss={() => setStderrNoticeDismissed(true)} />
          </Suspense>
        </LoadBoundary>
      ) : null}

      <section aria-labelledby="log-lines-heading" className="rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-2 text-sm">
          <h2 id="log-lines-heading" className="font-semibold text-slate-900">
            Lines <span className="font-normal capitalize text-slate-500">· {environment.name}</span>
          </h2>
          {pages.isSuccess ? (
            <p className="tabular-nums text-slate-600" data-testid="log-line-count">
              {lines.length.toLocaleString('en-US')} {lines.length === 1 ? 'line' : 'lines'}
            </p>
          ) : null}
          <p role="status" className="text-slate-700">
            {followText}
            {following && follow.state?.status === 'stopped' ? (
              <span className="text-red-800">
                Live updates stopped: {follow.state.message} {follow.state.hint}{' '}
                <button type="button" className="font-medium text-brand-700 underline" onClick={follow.restart}>
                  Resume following
                </button>
              </span>
            ) : null}
          </p>
          <div className="ml-auto flex items-center gap-3">
            {atCap || dropped > 0 ? (
              <span className="text-xs text-slate-600">The viewer keeps the newest {MAX_BUFFERED_LINES.toLocaleString('en-US')} lines; download or narrow the filter for more.</span>
            ) : pages.hasNextPage ? (
              <Button variant="secondary" onClick={pages.fetchNextPage} disabled={pages.isFetchingNextPage}>
                {pages.isFetchingNextPage ? 'Loading older lines…' : 'Load older lines'}
              </Button>
            ) : pages.isSuccess && lines.length > 0 ? (
              <span className="text-xs text-slate-500">From the start of the time range · times in your time zone</span>
            ) : null}
          </div>
        </div>
        {pages.isFetchNextPageError && error ? (
          <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-900">
            Older lines could not be read: {error.message}{' '}
            <button type="button" className="font-medium underline" onClick={pages.fetchNextPage}>
              Retry
            </button>
          </p>
        ) : null}

        <LoadBoundary what="The log lines view" className="m-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          <Suspense fallback={<LogsLoading />}>
            {pages.isPending ? (
              <LogsLoading />
            ) : firstPageFailed && error ? (
              <div className="p-4">
                <LogsError
                  error={error}
                  retrying={pages.isFetching}
                  onRetry={pages.reset}
                  extra={
                    error.status === 400 ? (
                      <Button variant="secondary" onClick={() => applyView({ pods: [], container: undefined, previous: false, q: undefined, severity: undefined, since: undefined, until: undefined, range: undefined })}>
                        Reset the filters
                      </Button>
                    ) : undefined
                  }
                />
              </div>
            ) : lines.length === 0 ? (
              <LogsEmpty view={view} following={following} onWiden={(patch) => applyView(patch)} />
            ) : (
              <div className="relative">
                <LogList
                  ref={listRef}
                  lines={lines}
                  expansions={expansions}
                  onToggle={onToggle}
                  showSource={view.pods.length !== 1 || !view.container}
                  onScrolledUp={onScrolledUp}
                  busy={pages.isFetching}
                />
                {scrolledUp ? (
                  <div className="pointer-events-none absolute inset-x-0 bottom-3 flex justify-center">
                    <Button className="pointer-events-auto shadow-lg" onClick={jumpToLatest}>
                      Jump to latest{newBelow > 0 ? ` (${newBelow.toLocaleString('en-US')} new)` : ''} ↓
                    </Button>
                  </div>
                ) : null}
              </div>
            )}
          </Suspense>
        </LoadBoundary>
      </section>
    </div>
  );
}
