'use client';
// The custom time range of the log filters: From and To in UTC, checked and applied together.
// Loaded when the reader picks "Custom…" or a link sets since/until (the server renders it then).
import { useState } from 'react';
import { DEFAULT_TIME_RANGE, type LogView, TIME_RANGE_PRESETS } from '@/lib/logs/log-view';
import { fromUtcInputValue, toUtcInputValue } from '@/lib/text/format-time';
import { controlClass, labelClass } from './filter-classes';

interface CustomRangeProps {
  view: LogView;
  /** The window the current lines cover: a newly opened range starts from it. */
  window: { since?: Date; until?: Date };
  onChange: (patch: Partial<LogView>) => void;
}

/** The fields a range starts with: the view's own since/until, or else the window on screen. */
function startingFields(view: LogView, window: { since?: Date; until?: Date }): { from: string; to: string } {
  if (view.since || view.until) return { from: view.since ? toUtcInputValue(view.since) : '', to: view.until ? toUtcInputValue(view.until) : '' };
  const until = window.until ?? new Date();
  const since = window.since ?? new Date(until.getTime() - TIME_RANGE_PRESETS[DEFAULT_TIME_RANGE].ms);
  return { from: toUtcInputValue(since), to: '' };
}

export function CustomRange({ view, window, onChange }: CustomRangeProps) {
  // The inputs are in UTC, like every time Berth shows, so they are filled the same way on the
  // server and in the browser — also when a link ("Logs around this restart") sets the range.
  const [from, setFrom] = useState(() => startingFields(view, window).from);
  const [to, setTo] = useState(() => startingFields(view, window).to);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const rangeKey = `${view.since?.getTime() ?? ''}:${view.until?.getTime() ?? ''}`;
  const [syncedRange, setSyncedRange] = useState(rangeKey);
  if (rangeKey !== syncedRange) {
    setSyncedRange(rangeKey);
    setFrom(view.since ? toUtcInputValue(view.since) : '');
    setTo(view.until ? toUtcInputValue(view.until) : '');
  }
  const applyCustom = () => {
    const since = from ? fromUtcInputValue(from) : undefined;
    const until = to ? fromUtcInputValue(to) : undefined;
    if ((from && !since) || (to && !until)) return setRangeError('Give the time as date and time, such as 2026-12-04 18:10:00.');
    if (!since && !until) return setRangeError('Give a start, an end or both.');
    if (since && until && !(since < until)) return setRangeError('The end must come after the start.');
    setRangeError(null);
    onChange({ since, until, range: undefined, follow: until ? false : view.follow });
  };

  return (
    <fieldset className="flex flex-wrap items-end gap-2">
      <legend className="sr-only">Custom time range, in UTC</legend>
      <div>
        <label htmlFor="log-since" className={labelClass}>
          From <span className="font-normal text-slate-500">(UTC)</span>
        </label>
        <input
          id="log-since"
          type="datetime-local"
          step={1}
          className={`${controlClass} mt-1`}
          value={from}
          onChange={(event) => setFrom(event.target.value)}
          aria-describedby={rangeError ? 'log-range-error' : undefined}
        />
      </div>
      <div>
        <label htmlFor="log-until" className={labelClass}>
          To <span className="font-normal text-slate-500">(UTC; empty: now)</span>
        </label>
        <input
          id="log-until"
          type="datetime-local"
          step={1}
          className={`${controlClass} mt-1`}
          value={to}
          onChange={(event) => setTo(event.target.value)}
          aria-describedby={rangeError ? 'log-range-error' : undefined}
        />
      </div>
      <button type="button" onClick={applyCustom} className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Apply range
      </button>
      {rangeError ? (
        <p id="log-range-error" role="alert" className="basis-full text-xs text-red-700">
          {rangeError}
        </p>
      ) : null}
    </fieldset>
  );
}
