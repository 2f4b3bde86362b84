'use client';

import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { LOAD_FAILED_TOAST, LoadBoundary } from '@/components/ui/load-boundary';

// The dialog, MiniSearch and the index load only when someone first searches: nothing of them is in
// the first-load JavaScript of any page.
const loadDialog = () => import('./search-dialog');
const SearchDialog = lazy(loadDialog);

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('[contenteditable="true"], .cm-editor') !== null;
}

/** The header's search button; "/" or Ctrl+K (⌘K) opens it from anywhere except while typing. */
export function SearchLauncher() {
  const [open, setOpen] = useState(false);
  // Each request to open counts, even when the state already says open: Escape without a prior
  // user activation closes the dialog with no "cancel" event, and its "close" event is a queued
  // task that a Ctrl+K pressed at once can overtake — the state then still says open while the
  // dialog is closed, and only a new request makes the dialog show itself again.
  const [openRequests, setOpenRequests] = useState(0);
  const [mounted, setMounted] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing || event.altKey) return;
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey;
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (!slash && !ctrlK) return;
      // Ctrl+K counts in the search's own field too. Right after Escape closes the dialog, focus
      // stays on that field until the browser's next rendering update moves it off the hidden
      // dialog, and a Ctrl+K pressed in between was taken for typing and lost (CI saw it).
      const inSearch = event.target instanceof HTMLElement && event.target.closest('[data-search-dialog]') !== null;
      if (isEditable(event.target) && !(ctrlK && inSearch)) return;
      event.preventDefault();
      setMounted(true);
      setOpen(true);
      setOpenRequests((n) => n + 1);
    }
    window.addEventListener('keydown', onKeyDown);
    // Announced only once the listener is attached: the server-rendered button cannot honour the
    // shortcut before hydration. Browser tests wait for this attribute before pressing the keys.
    const target = button.current;
    target?.setAttribute('aria-keyshortcuts', '/ Control+K');
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      target?.removeAttribute('aria-keyshortcuts');
    };
  }, []);

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        ref={button}
        onClick={() => {
          setMounted(true);
          setOpen(true);
          setOpenRequests((n) => n + 1);
        }}
        // Warm the dialog's code while the pointer is on its way.
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        className="flex items-center gap-2 rounded-md bg-white px-2.5 py-1.5 text-sm text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 hover:text-slate-900 sm:min-w-44"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4.5 4.5" strokeLinecap="round" />
        </svg>
        <span>Search</span>
        <kbd aria-hidden className="ml-auto hidden rounded border border-slate-300 px-1 font-mono text-xs text-slate-500 sm:inline">
          /
        </kbd>
      </button>
      {mounted ? (
        <LoadBoundary what="Search" className={LOAD_FAILED_TOAST}>
          <Suspense fallback={null}>
            <SearchDialog open={open} openRequests={openRequests} onClose={() => setOpen(false)} />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </>
  );
}
