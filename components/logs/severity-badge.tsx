import type { Severity } from '@/lib/logs/log-entry';

// Severity as a word first and a color second (never color alone); the row's left edge repeats
// the color so errors stand out while scrolling.
const STYLES: Record<Severity, { badge: string; edge: string }> = {
  DEFAULT: { badge: 'bg-slate-100 text-slate-600 ring-slate-300', edge: 'border-l-transparent' },
  DEBUG: { badge: 'bg-slate-100 text-slate-600 ring-slate-300', edge: 'border-l-slate-300' },
  INFO: { badge: 'bg-sky-50 text-sky-800 ring-sky-300', edge: 'border-l-sky-300' },
  NOTICE: { badge: 'bg-indigo-50 text-indigo-800 ring-indigo-300', edge: 'border-l-indigo-300' },
  WARNING: { badge: 'bg-amber-50 text-amber-900 ring-amber-400', edge: 'border-l-amber-400' },
  ERROR: { badge: 'bg-red-50 text-red-800 ring-red-400', edge: 'border-l-red-500' },
  CRITICAL: { badge: 'bg-red-700 text-white ring-red-800', edge: 'border-l-red-700' },
  ALERT: { badge: 'bg-red-700 text-white ring-red-800', edge: 'border-l-red-700' },
  EMERGENCY: { badge: 'bg-red-900 text-white ring-red-950', edge: 'border-l-red-900' },
};

export function severityEdgeClass(severity: Severity): string {
  return STYLES[severity].edge;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-block w-[4.75rem] shrink-0 rounded px-1 text-center font-sans text-[10px] font-semibold leading-4 tracking-wide ring-1 ring-inset ${STYLES[severity].badge}`}>
      {severity === 'DEFAULT' ? 'default' : severity}
    </span>
  );
}
