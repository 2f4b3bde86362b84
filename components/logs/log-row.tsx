'use client';

import { memo } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';
import { summarizePayload } from '@/lib/logs/format-log-line';
import { SeverityBadge, severityEdgeClass } from './severity-badge';
import { formatTime } from '@/lib/text/format-time';

/** A one-line row: 20px line, 2px padding above and below, 1px border. */
export const ROW_HEIGHT_PX = 25;

/** Longer lines show this much until "Show all". */
export const TRUNCATE_AT = 2_000;

export interface RowExpansion {
  /** The whole text of a long line. */
  full?: boolean;
  /** The pretty-printed JSON payload. */
  json?: boolean;
}

/** `2026-11-12 09:00:01.123 UTC`: Berth's one time format, to the millisecond. */
export function formatLogTime(iso: string): string {
  return formatTime(iso, 'ms');
}

/**
 * `patient-portal-web-7c9f8d6b5-abcde` → the start, which every pod of a deployment shares, and the
 * end (replica set and pod), which tells them apart. Only the start is cut when space runs out.
 */
export function splitPodName(pod: string): { shared: string; distinct: string } {
  const parts = pod.split('-');
  if (parts.length <= 2) return { shared: '', distinct: pod };
  const tail = /^[a-z0-9]{5}$/.test(parts.at(-1) ?? '') && /^[a-z0-9]{6,10}$/.test(parts.at(-2) ?? '') ? 2 : 1;
  return { shared: `${parts.slice(0, -tail).join('-')}-`, distinct: parts.slice(-tail).join('-') };
}

function PodSource({ pod, container }: { pod: string; container: string }) {
  const { shared, distinct } = splitPodName(pod);
  return (
    <span className="hidden w-72 shrink-0 text-slate-500 lg:flex" title={`pod ${pod}, container ${container}`}>
      <span className="min-w-0 truncate">{shared}</span>
      <span className="shrink-0 text-slate-700">{distinct}</span>
      <span className="min-w-0 truncate">/{container}</span>
    </span>
  );
}

interface LogRowProps {
  entry: LogEntry;
  expansion: RowExpansion | undefined;
  showSource: boolean;
  onToggle: (insertId: string, what: keyof RowExpansion) => void;
  onUnmask?: (entry: LogEntry) => void;
}

export const LogRow = memo(function LogRow({ entry, expansion, showSource, onToggle, onUnmask }: LogRowProps) {
  const pretty = entry.json && expansion?.json ? JSON.stringify(entry.json, null, 2) : undefined;
  const body = pretty ?? (entry.json ? summarizePayload(entry.json) : (entry.text ?? ''));
  const long = body.length > TRUNCATE_AT;
  const shown = long && !expansion?.full ? body.slice(0, TRUNCATE_AT) : body;
  return (
    <div className={`flex gap-2 border-b border-l-4 border-b-slate-100 px-2 py-0.5 font-mono text-xs leading-5 text-slate-900 hover:bg-slate-50 ${severityEdgeClass(entry.severity)}`}>
      <time dateTime={entry.time} title={entry.time} className="shrink-0 tabular-nums text-slate-500">
        {formatLogTime(entry.time)}
      </time>
      <span className="flex h-5 shrink-0 items-center">
        <SeverityBadge severity={entry.severity} />
      </span>
      {showSource ? (
        <PodSource pod={entry.pod} container={entry.container} />
      ) : null}
      <div className="min-w-0 flex-1">
        {pretty ? (
          <pre className="whitespace-pre-wrap break-words rounded bg-slate-50 p-1 font-mono">{shown}</pre>
        ) : (
          <span className="whitespace-pre-wrap break-words">{shown}</span>
        )}
        {long ? (
          <button type="button" className="ml-1 align-top font-sans leading-5 text-brand-700 underline" onClick={() => onToggle(entry.insertId, 'full')} aria-expanded={Boolean(expansion?.full)}>
            {expansion?.full ? 'Show less' : `… show all ${body.length.toLocaleString('en-US')} characters`}
          </button>
        ) : null}
        {entry.masked && onUnmask ? (
          <button
            type="button"
            className="ml-2 h-5 rounded px-1 align-top font-sans text-[11px] leading-5 text-amber-900 ring-1 ring-inset ring-amber-400 hover:bg-amber-50"
            onClick={() => onUnmask(entry)}
            aria-label={`Show this line unmasked (${entry.masked} ${entry.masked === 1 ? 'value' : 'values'} masked)`}
          >
            masked · show
          </button>
        ) : null}
        {entry.json ? (
          <button type="button" className="ml-2 h-5 rounded px-1 align-top font-sans text-[11px] leading-5 text-brand-700 ring-1 ring-inset ring-brand-600/30 hover:bg-brand-50" onClick={() => onToggle(entry.insertId, 'json')} aria-expanded={Boolean(expansion?.json)}>
            {expansion?.json ? 'Hide JSON' : 'JSON'}
          </button>
        ) : null}
      </div>
    </div>
  );
});
