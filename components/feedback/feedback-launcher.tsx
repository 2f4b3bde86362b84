'use client';

import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { LOAD_FAILED_TOAST, LoadBoundary } from '@/components/ui/load-boundary';
import type { Result } from '@/lib/result/result';
import { isTypingTarget, OPEN_FEEDBACK_EVENT } from './open-feedback-event';

export interface LauncherApp {
  name: string;
  environments: readonly string[];
}

// The dialog (its form, the validation schema and zod with it) loads when someone first opens it
// or points at the button: every page's header has the button, few visits send feedback.
const loadDialog = () => import('./feedback-dialog');
const FeedbackDialog = lazy(loadDialog);

/** The header's "Feedback" button and its Shift+F shortcut; the dialog itself loads on demand. */
export function FeedbackLauncher({
  apps,
  createFeedback,
}: {
  apps: LauncherApp[];
  createFeedback: (raw: unknown) => Promise<Result<{ id: number }>>;
}) {
  // Counts the times it was asked to open: the dialog opens itself on each new value.
  const [openRequest, setOpenRequest] = useState(0);
  const open = () => setOpenRequest((n) => n + 1);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F' || !event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || event.repeat || isTypingTarget(event.target)) return;
      event.preventDefault();
      setOpenRequest((n) => n + 1);
    };
    const onOpen = () => setOpenRequest((n) => n + 1);
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_FEEDBACK_EVENT, onOpen);
    // Shift+F is announced only once it works (as the search button does).
    const target = button.current;
    target?.setAttribute('aria-keyshortcuts', 'Shift+F');
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_FEEDBACK_EVENT, onOpen);
      target?.removeAttribute('aria-keyshortcuts');
    };
  }, []);

  return (
    <>
      <Button
        type="button"
        variant="secondary"
        onClick={open}
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        aria-haspopup="dialog"
        ref={button}
        title="Send feedback (Shift+F)"
      >
        Feedback
        <kbd aria-hidden className="hidden rounded border border-slate-300 bg-slate-50 px-1 font-sans text-[10px] text-slate-500 xl:inline">
          ⇧F
        </kbd>
      </Button>
      {openRequest > 0 ? (
        <LoadBoundary what="The feedback form" className={LOAD_FAILED_TOAST}>
          <Suspense fallback={null}>
            <FeedbackDialog apps={apps} createFeedback={createFeedback} openRequest={openRequest} />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </>
  );
}
