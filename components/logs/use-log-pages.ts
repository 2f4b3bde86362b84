'use client';

// The viewer's pages of lines for one query: the newest page first, older pages appended on demand
// by their page token. A new query (another `key`) starts over and cancels what was in flight, so
// a slow answer for an old filter can never land under a new one.
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchLogPage, type LogPageFailure, type LogPageResponse } from './fetch-logs';

interface PagesState {
  /** The query these pages belong to; state of an older query reads as "nothing yet". */
  key: string;
  pages: LogPageResponse[];
  error: LogPageFailure | null;
  /** The error is about an older page: the pages read so far stay usable. */
  olderFailed: boolean;
  loading: 'first' | 'older' | null;
}

export interface LogPages {
  /** Newest page first; undefined until the first page of this query arrived. */
  pages: LogPageResponse[] | undefined;
  error: LogPageFailure | null;
  isPending: boolean;
  isSuccess: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  fetchNextPage(): void;
  /** Reads the query again from its newest page. */
  reset(): void;
}

export function useLogPages(key: string, pageUrl: (pageToken: string | null) => string): LogPages {
  const [generation, setGeneration] = useState(0);
  // The state belongs to one read of one query: a reset or a new query makes it "nothing yet".
  const readKey = `${generation}:${key}`;
  const [state, setState] = useState<PagesState>({ key: '', pages: [], error: null, olderFailed: false, loading: null });
  const inFlight = useRef<AbortController | null>(null);
  const urlFor = useRef(pageUrl);
  useEffect(() => {
    urlFor.current = pageUrl;
  });

  const request = useCallback((pageToken: string | null, onPage: (page: LogPageResponse) => void, onError: (error: LogPageFailure) => void) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    fetchLogPage(urlFor.current(pageToken), controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        if (result.ok) onPage(result.data);
        else onError(result.error);
      },
      () => {
        // aborted: a newer request or an unmount took its place
      },
    );
    return controller;
  }, []);

  useEffect(() => {
    const controller = request(
      null,
      (page) => setState({ key: readKey, pages: [page], error: null, olderFailed: false, loading: null }),
      (error) => setState({ key: readKey, pages: [], error, olderFailed: false, loading: null }),
    );
    return () => controller.abort();
  }, [readKey, request]);

  const current = state.key === readKey ? state : null;
  const pages = current && current.pages.length > 0 ? current.pages : undefined;
  const nextToken = pages?.at(-1)?.nextPageToken ?? null;
  return {
    pages,
    error: current?.error ?? null,
    isPending: current === null,
    isSuccess: pages !== undefined,
    isFetching: current === null || current.loading !== null,
    isFetchingNextPage: current?.loading === 'older',
    isFetchNextPageError: current?.olderFailed ?? false,
    hasNextPage: nextToken !== null,
    fetchNextPage: () => {
      if (nextToken === null || current?.loading !== null) return;
      setState((s) => ({ ...s, loading: 'older', error: null, olderFailed: false }));
      request(
        nextToken,
        (page) => setState((s) => (s.key === readKey ? { ...s, pages: [...s.pages, page], loading: null } : s)),
        (error) => setState((s) => (s.key === readKey ? { ...s, error, olderFailed: true, loading: null } : s)),
      );
    },
    reset: () => setGeneration((n) => n + 1),
  };
}
