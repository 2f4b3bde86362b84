'use client';

import { useEffect } from 'react';

/**
 * Asks before an unsaved edit is thrown away: on reload, closing the tab or typing another address
 * (the browser's own beforeunload prompt), and on any link inside Berth (Next's client-side
 * navigation never fires beforeunload, so links are caught in the capture phase, before Next's
 * router sees the click).
 */
export function useUnsavedGuard(unsaved: boolean, question: string) {
  useEffect(() => {
    if (!unsaved) return;
    const beforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      const to = new URL(link.href, window.location.href);
      // A link within this page (#section) loses nothing.
      if (to.origin === window.location.origin && to.pathname === window.location.pathname && to.search === window.location.search) return;
      if (window.confirm(question)) {
        // The person chose to leave: the full navigation a plain link makes must not ask again.
        window.removeEventListener('beforeunload', beforeUnload);
        return;
      }
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('click', click, true);
    };
  }, [unsaved, question]);
}
