'use client';

import type MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import { useRouter } from 'next/navigation';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { fetchJson } from '@/components/data/fetch-json';
import { searchOptions, type SearchDocument, type SearchDocumentKind } from '@/lib/guides/search-options';

// The search dialog: a combobox over a grouped listbox (WAI-ARIA APG), MiniSearch in the browser
// over the index GET /api/search-index serves. Loaded on first use by search-launcher.tsx.

const SEARCH_INDEX_URL = '/api/search-index';
const PER_KIND = 6;

const kinds: { kind: SearchDocumentKind; label: string }[] = [
  { kind: 'guide', label: 'Guides' },
  { kind: 'command', label: 'Commands' },
  { kind: 'concept', label: 'Concepts' },
  { kind: 'session', label: 'Sessions' },
];

const TRY = ['aptible ssh', 'CrashLoopBackOff', 'config vars', 'log drain', 'scale'];

type Index = MiniSearch<SearchDocument>;
type Hit = { id: string; kind: SearchDocumentKind; title: string; summary: string; url: string; terms: Set<string>; queryTerms: string[] };
type LoadState = { status: 'loading' } | { status: 'ready'; index: Index } | { status: 'error'; message: string; signIn?: boolean };

class IndexLoadError extends Error {
  constructor(
    message: string,
    readonly signIn = false,
  ) {
    super(message);
  }
}

type IndexJson = Parameters<typeof MiniSearch.loadJS>[0];

let indexPromise: Promise<Index> | null = null;

/** One fetch per page load; a failed one is retried on the next open. */
function loadIndex(): Promise<Index> {
  indexPromise ??= (async () => {
    // The index is cached privately and revalidated by its ETag: the browser's cache may answer.
    const [{ default: MiniSearchClass }, result] = await Promise.all([import('minisearch'), fetchJson<IndexJson>(SEARCH_INDEX_URL, { cache: 'default' })]);
    if (!result.ok) {
      if (result.error.code === 'unauthenticated') throw new IndexLoadError('Sign in to search the guides.', true);
      throw new IndexLoadError(`The search index did not load: ${result.error.message}`);
    }
    return MiniSearchClass.loadJS<SearchDocument>(result.data, searchOptions);
  })().catch((error: unknown) => {
    indexPromise = null;
    throw error;
  });
  return indexPromise;
}

function toHit(result: SearchResult): Hit {
  return {
    id: result.id,
    kind: result.kind as SearchDocumentKind,
    title: String(result.title),
    summary: String(result.summary),
    url: String(result.url),
    terms: new Set(result.terms.map((term) => term.toLowerCase())),
    queryTerms: result.queryTerms.map((term) => term.toLowerCase()),
  };
}

function runSearch(index: Index, query: string): { kind: SearchDocumentKind; label: string; hits: Hit[] }[] {
  // Every word must match; when nothing does, any word may (a typo in one word should not empty the list).
  let results = index.search(query);
  if (results.length === 0) results = index.search(query, { combineWith: 'OR' });
  const hits = results.map(toHit);
  return kinds
    .map(({ kind, label }) => ({ kind, label, hits: hits.filter((hit) => hit.kind === kind).slice(0, PER_KIND) }))
    .filter((group) => group.hits.length > 0);
}

/** Wraps the words that matched (or that a query word is a prefix of) in <mark>. */
function highlight(text: string, hit: Hit): ReactNode {
  const parts = text.split(/([\p{L}\p{N}_]+)/u);
  return parts.map((part, index) => {
    const word = part.toLowerCase();
    const matched = index % 2 === 1 && (hit.terms.has(word) || hit.queryTerms.some((term) => term.length >= 2 && word.startsWith(term)));
    return matched ? (
      <mark key={index} className="rounded-sm bg-amber-200/70 text-inherit">
        {part}
      </mark>
    ) : (
      part
    );
  });
}

export default function SearchDialog({ open, openRequests, onClose }: { open: boolean; openRequests: number; onClose: () => void }) {
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const baseId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      inputRef.current?.select();
    } else if (!open && dialog.open) dialog.close();
    // openRequests: a new request shows a dialog that closed while the state still said open.
  }, [open, openRequests]);

  useEffect(() => {
    if (!open || load.status === 'ready') return;
    let cancelled = false;
    loadIndex().then(
      (index) => !cancelled && setLoad({ status: 'ready', index }),
      (error: unknown) =>
        !cancelled &&
        setLoad({
          status: 'error',
          message: error instanceof Error ? error.message : 'The search index did not load.',
          signIn: error instanceof IndexLoadError && error.signIn,
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [open, load.status]);

  const groups = useMemo(() => (load.status === 'ready' && query.trim() ? runSearch(load.index, query.trim()) : []), [load, query]);
  const flat = useMemo(() => groups.flatMap((group) => group.hits), [groups]);
  const activeHit = flat[Math.min(active, flat.length - 1)];
  const optionId = (hit: Hit) => `${baseId}-option-${hit.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

  useEffect(() => {
    if (activeHit) document.getElementById(optionId(activeHit))?.scrollIntoView({ block: 'nearest' });
    // optionId only depends on baseId, which never changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeHit]);

  function go(hit: Hit | undefined) {
    if (!hit) return;
    onClose();
    router.push(hit.url);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (flat.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (Math.min(current, flat.length - 1) + step + flat.length) % flat.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(activeHit);
    }
  }

  const listboxId = `${baseId}-results`;
  const status =
    load.status === 'loading'
      ? 'Loading the search index…'
      : load.status === 'error'
        ? load.message
        : !query.trim()
          ? ''
          : flat.length === 0
            ? `Nothing matches “${query.trim()}”.`
            : `${flat.length} ${flat.length === 1 ? 'result' : 'results'}`;

  return (
    <dialog
      ref={dialogRef}
      data-search-dialog
      aria-label="Search guides, concepts, commands and sessions"
      // Escape: closed in the state now, not when the dialog's "close" event arrives a task later —
      // a Ctrl+K pressed in between would otherwise find the state still open and do nothing.
      onCancel={onClose}
      // The "close" event is a queued task, and the browser runs input before queued tasks: a
      // Ctrl+K pressed right after Escape can reopen the dialog before this event arrives. Only a
      // dialog that is still closed when it arrives tells the state.
      onClose={() => {
        if (!dialogRef.current?.open) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === dialogRef.current) onClose();
      }}
      className="mx-auto mt-[10vh] w-[calc(100%-2rem)] max-w-2xl overflow-hidden rounded-xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-4">
        <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 shrink-0 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4.5 4.5" strokeLinecap="round" />
        </svg>
        <input
          ref={inputRef}
          type="text"
          role="combobox"
          aria-label="Search"
          aria-expanded={flat.length > 0}
          aria-controls={listboxId}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? optionId(activeHit) : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Search guides, concepts, commands, sessions…"
          autoComplete="off"
          spellCheck={false}
          className="w-full bg-transparent py-3.5 text-base outline-none placeholder:text-slate-400"
        />
        <button type="button" onClick={onClose} className="rounded px-1.5 py-0.5 text-xs text-slate-500 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Esc<span className="sr-only"> (close search)</span>
        </button>
      </div>

      <p role="status" className={status ? 'px-4 pt-3 text-sm text-slate-600' : 'sr-only'}>
        {status}
        {load.status === 'error' ? (
          load.signIn ? (
            <>
              {' '}
              <a href="/signin">Sign in</a>
            </>
          ) : (
            <>
              {' '}
              <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => setLoad({ status: 'loading' })}>
                Try again
              </button>
            </>
          )
        ) : null}
      </p>

      <div id={listboxId} role="listbox" aria-label="Search results" className="max-h-[60vh] overflow-y-auto px-2 pb-2">
        {groups.map((group) => (
          <div key={group.kind} role="group" aria-labelledby={`${baseId}-group-${group.kind}`} className="pt-2">
            <div id={`${baseId}-group-${group.kind}`} role="presentation" className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              {group.label}
            </div>
            {group.hits.map((hit) => {
              const selected = hit === activeHit;
              return (
                <div
                  key={hit.id}
                  id={optionId(hit)}
                  role="option"
                  aria-selected={selected}
                  onMouseMove={() => setActive(flat.indexOf(hit))}
                  onClick={() => go(hit)}
                  className={`cursor-pointer rounded-md px-3 py-2 ${selected ? 'bg-brand-50 ring-1 ring-inset ring-brand-600/40' : ''}`}
                >
                  <div className={`text-sm font-medium ${hit.kind === 'command' ? 'font-mono' : ''}`}>{highlight(hit.title, hit)}</div>
                  <div className="line-clamp-2 text-xs text-slate-600">{highlight(hit.summary, hit)}</div>
                </div>
              );
            })}
          </div>
        ))}
      </div>

      {!query.trim() && load.status !== 'error' ? (
        <div className="px-4 pb-4 pt-2 text-sm text-slate-600">
          <p>Try:</p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {TRY.map((example) => (
              <li key={example}>
                <button
                  type="button"
                  onClick={() => {
                    setQuery(example);
                    setActive(0);
                    inputRef.current?.focus();
                  }}
                  className="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800 hover:bg-slate-200"
                >
                  {example}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <p className="hidden border-t border-slate-100 px-4 py-2 text-xs text-slate-500 sm:block">
        <kbd className="font-mono">↑</kbd> <kbd className="font-mono">↓</kbd> to move · <kbd className="font-mono">Enter</kbd> to open ·{' '}
        <kbd className="font-mono">Esc</kbd> to close
      </p>
    </dialog>
  );
}
