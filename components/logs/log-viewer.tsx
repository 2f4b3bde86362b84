'use client';
// The logs page: filters in the address bar (so a link opens the same view), pages of lines from
// the log route, new lines from its event stream, all in one virtualized list.
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { findUnstructuredStderr } from '@/lib/logs/find-unstructured-stderr';
import { combineLines, MAX_BUFFERED_LINES, pagesOldestFirst } from '@/lib/logs/log-buffer';
import { canFollow, type LogView, logViewSearchParams, resolveTimeWindow } from '@/lib/logs/log-view';
import { LogFilters } from './log-filters';
import type { LogListHandle } from './log-list';
import type { RowExpansion } from './log-row';
import { LogsLoading } from './logs-loading';
import { useFollowedLines } from './use-followed-lines';
import { useLogFollow } from './use-log-follow';
import { useLogPages } from './use-log-pages';
import { usePodOptions } from './use-pod-options';
import { useReadingPosition } from './use-reading-position';
import { useUnmask } from './use-unmask';

export interface LogViewerProps {
  app: { name: string; namespace: string };
  /** `logsHoldPhi`: its lines come masked, and "Show unmasked" asks why. */
  environments: { name: string; project: string; cluster: string; logsHoldPhi?: boolean }[];
  /** The view the page's search params asked for, as the server read them (invalid ones left out). */
  initialView: LogView;
  /** The server's clock when it rendered the page: presets count back from it until a change. */
  initialNow: number;
  sourceKind: 'kubernetes' | 'cloud-logging';
  /** Rendered above the viewer (the server's notice about a link's invalid filters). */
  notice?: ReactNode;
}

const PAGE_SIZE = 500;
// What is only needed once lines arrive, or only in some situations — the virtualized list (the
// virtualizer is most of its code), the empty and error states, the notices — loads while the
// first page of lines is being read, not before the page can be used.
const loadLogList = () => import('./log-list');
const loadStates = () => import('./log-states');
const loadNotices = () => import('./log-notices');
const loadUnreadPodsNote = () => import('./unread-pods-note');
// The actions row (follow, refresh, copy, download, the Logs Explorer link with its filter builder)
// and the bar over masked lines are rendered by the server; their code hydrates them right after
// the filters (a click that comes first is replayed by React once it is in).
const loadActions = () => import('./log-actions');
const loadMaskingBar = () => import('./masking-bar');
const LogActions = lazy(() => loadActions().then((module) => ({ default: module.LogActions })));
const MaskingBar = lazy(() => loadMaskingBar().then((module) => ({ default: module.MaskingBar })));
const LogList = lazy(() => loadLogList().then((module) => ({ default: module.LogList })));
const LogsEmpty = lazy(() => loadStates().then((module) => ({ default: module.LogsEmpty })));
const LogsError = lazy(() => loadStates().then((module) => ({ default: module.LogsError })));
const RestartViewNotice = lazy(() => loadNotices().then((module) => ({ default: module.RestartViewNotice })));
const UnstructuredStderrNotice = lazy(() => loadNotices().then((module) => ({ default: module.UnstructuredStderrNotice })));
const UnreadPodsNote = lazy(() => loadUnreadPodsNote().then((module) => ({ default: module.UnreadPodsNote })));

export function LogViewer({ app, environments, initialView, initialNow, sourceKind, notice }: LogViewerProps) {
  const [view, setView] = useState<LogView>(initialView);
  const [anchor, setAnchor] = useState(initialNow);
  const environment = environments.find((e) => e.name === view.env) ?? environments[0];
  const following = view.follow && canFollow(view);
  const masked = environment.logsHoldPhi === true;
  const unmask = useUnmask(app.name, environment.name, view.previous);

  // ---- the lines: pages from the log route (a fixed window, so page tokens stay valid) ----------
  const timeWindow = useMemo(() => resolveTimeWindow({ range: view.range, since: view.since, until: view.until }, new Date(anchor)), [view.range, view.since, view.until, anchor]);
  const unmaskId = masked ? unmask.grant?.id : undefined;
  const filterParams = useMemo(() => {
    const params = logViewSearchParams({ ...view, env: environment.name, follow: false, range: undefined, since: undefined, until: undefined });
    // While "show unmasked" runs, every read names its grant (and is recorded with its reason).
    if (unmaskId !== undefined) params.set('unmask', String(unmaskId));
    return params.toString();
  }, [view, environment.name, unmaskId]);
  const apiParams = useMemo(() => {
    const params = new URLSearchParams(filterParams);
    if (timeWindow.since) params.set('since', timeWindow.since.toISOString());
    if (timeWindow.until) params.set('until', timeWindow.until.toISOString());
    return params.toString();
  }, [filterParams, timeWindow]);
  const logsUrl = `/api/apps/${encodeURIComponent(app.name)}/logs`;
  useEffect(() => {
    void Promise.all([loadActions(), loadMaskingBar(), loadLogList(), loadStates(), loadNotices(), loadUnreadPodsNote()]);
  }, []);
  const pages = useLogPages(`${app.name}?${apiParams}`, (pageToken) =>
    `${logsUrl}?${apiParams}&pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`,
  );
  const older = useMemo(() => pagesOldestFirst(pages.pages?.map((p) => p.entries) ?? []), [pages.pages]);

  // ---- new lines from the event stream, from the newest line read on --------------------------
  const followed = useFollowedLines(apiParams);
  const newestRead = pages.pages?.[0]?.entries[0]?.time;
  const followSince = pages.isSuccess ? (newestRead ?? new Date(anchor).toISOString()) : null;
  const streamUrl = following && followSince ? `${logsUrl}/stream?${filterParams}${filterParams ? '&' : ''}since=${encodeURIComponent(followSince)}` : null;
  const follow = useLogFollow(streamUrl, followed.onEntries);
  const combined = useMemo(() => combineLines(older, followed.entries, MAX_BUFFERED_LINES), [older, followed.entries]);
  const { overlay } = unmask;
  const lines = useMemo(() => overlay(combined.lines), [overlay, combined.lines]);
  const { dropped } = combined;

  // ---- reading position: follow the bottom until the reader scrolls up ------------------------
  const listRef = useRef<LogListHandle>(null);
  const { scrolledUp, newBelow, onScrolledUp, backToLatest, jumpToLatest } = useReadingPosition(lines, listRef);

  // ---- pods and containers: from the status API when it exists, else from the lines seen ------
  const podOptions = usePodOptions(app.name, environment.name, lines);

  // ---- view changes: state, address bar, fresh window ------------------------------------------
  const applyView = useCallback(
    (patch: Partial<LogView>, options: { keepWindow?: boolean } = {}) => {
      const next: LogView = { ...view, ...patch };
      if (!canFollow(next)) next.follow = false;
      setView(next);
      if (!options.keepWindow) setAnchor(Date.now());
      backToLatest();
      const search = logViewSearchParams(next).toString();
      globalThis.history.replaceState(globalThis.history.state, '', `${globalThis.location.pathname}${search ? `?${search}` : ''}`);
    },
    [view, backToLatest],
  );
  const refresh = () => {
    followed.clear();
    backToLatest();
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

  const unread = pages.pages?.[0]?.unread ?? [];
  const unstructured = useMemo(() => findUnstructuredStderr(lines), [lines]);
  const [stderrNoticeDismissed, setStderrNoticeDismissed] = useState(false);
  const error = pages.error;
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
    // data-full-width: the layout lets this page use the whole screen (long lines, wide monitors).
    <div className="space-y-4" data-full-width>
      {notice}
      {unread.length > 0 ? (
        <LoadBoundary what="The note about pods whose lines are not here">
          <Suspense fallback={null}>
            <UnreadPodsNote unread={unread} />
          </Suspense>
        </LoadBoundary>
      ) : null}
      {view.previous ? (
        <LoadBoundary what="The notice about the previous container">
          <Suspense fallback={null}>
            <RestartViewNotice view={view} sourceKind={sourceKind} onChange={applyView} />
          </Suspense>
        </LoadBoundary>
      ) : null}
      <section aria-label="Log filters" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <LogFilters view={view} environments={environments} pods={podOptions} sourceKind={sourceKind} window={timeWindow} onChange={applyView} searchRef={searchRef} />
        <LoadBoundary what="Follow, refresh and the links of this view">
          <Suspense
            fallback={
              <p role="status" className="border-t border-slate-100 pt-3 text-sm text-slate-600">
                Loading follow, refresh and download…
              </p>
            }
          >
            <LogActions
              app={app}
              environment={environment}
              view={view}
              anchor={anchor}
              following={following}
              live={follow.state?.status === 'live'}
              downloadHref={`${logsUrl}/download?${apiParams}`}
              onFollow={() => applyView({ follow: !view.follow }, { keepWindow: true })}
              onRefresh={refresh}
            />
          </Suspense>
        </LoadBoundary>
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
              <span className="text-xs text-slate-500">From the start of the time range · times in UTC</span>
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

        {masked ? (
          <LoadBoundary what="The bar about masked patient data" className="border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900">
            <Suspense
              fallback={
                <p role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
                  Likely patient data is masked.
                </p>
              }
            >
              <MaskingBar unmask={unmask} />
            </Suspense>
          </LoadBoundary>
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
                    error.code === 'invalid' ? (
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
                  onUnmask={masked && !unmask.grant ? unmask.askForLine : undefined}
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
