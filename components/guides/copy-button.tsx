'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Copies `text`, or, without it, the code of the enclosing `[data-code-block]` (so a guide's code
 * is not sent to the browser twice). Says "Copied" for a moment, in a live region.
 */
export function CopyButton({ text, label = 'Copy', className = '' }: { text?: string; label?: string; className?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    const value = text ?? ref.current?.closest('[data-code-block]')?.querySelector('pre')?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <button
      ref={ref}
      type="button"
      onClick={copy}
      aria-label={label}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-100 hover:text-slate-900 ${className}`}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" />
        <path d="M3 10.5V3.5A1 1 0 0 1 4 2.5h6.5" />
      </svg>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select to copy' : 'Copy'}</span>
    </button>
  );
}
