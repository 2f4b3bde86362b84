// The logs view and the search params it writes (isomorphic, and small on purpose): the viewer's
// address bar and the links other pages build ("logs around this restart":
// ?env&pod&container&previous=1&since&until) use these names; reading them back, with each
// problem named, is parseLogView in log-view-params.ts, which the server runs (the log routes,
// the logs page) and the browser never needs.
import type { Severity } from './log-entry';

export const TIME_RANGE_PRESETS = {
  '15m': { ms: 15 * 60_000, label: 'Last 15 minutes', isoDuration: 'PT15M' },
  '1h': { ms: 60 * 60_000, label: 'Last hour', isoDuration: 'PT1H' },
  '24h': { ms: 24 * 60 * 60_000, label: 'Last 24 hours', isoDuration: 'P1D' },
} as const;

export type TimeRangePreset = keyof typeof TIME_RANGE_PRESETS;
export const DEFAULT_TIME_RANGE: TimeRangePreset = '1h';

/** What the viewer shows; every field has a search param of the same name (pods: repeated `pod`). */
export interface LogView {
  env?: string;
  pods: string[];
  container?: string;
  /** At least this severity; absent: every line. */
  severity?: Severity;
  /** Text to find anywhere in a line. */
  q?: string;
  /** A window back from now; ignored when `since` or `until` is set. */
  range?: TimeRangePreset;
  since?: Date;
  until?: Date;
  /** The previous (terminated) container instance. */
  previous: boolean;
  follow: boolean;
}

/** The view as search params, in a stable order (what the viewer writes to the address bar). */
export function logViewSearchParams(view: LogView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.env) params.set('env', view.env);
  for (const pod of view.pods) params.append('pod', pod);
  if (view.container) params.set('container', view.container);
  if (view.severity && view.severity !== 'DEFAULT') params.set('severity', view.severity);
  if (view.q?.trim()) params.set('q', view.q);
  if (view.since || view.until) {
    if (view.since) params.set('since', view.since.toISOString());
    if (view.until) params.set('until', view.until.toISOString());
  } else if (view.range && view.range !== DEFAULT_TIME_RANGE) {
    params.set('range', view.range);
  }
  if (view.previous) params.set('previous', '1');
  if (view.follow) params.set('follow', '1');
  return params;
}

/** The concrete time window of a view: a fixed since/until, or the preset back from `now`. */
export function resolveTimeWindow(view: Pick<LogView, 'range' | 'since' | 'until'>, now: Date = new Date()): { since?: Date; until?: Date } {
  if (view.since || view.until) return { since: view.since, until: view.until };
  const preset = TIME_RANGE_PRESETS[view.range ?? DEFAULT_TIME_RANGE];
  return { since: new Date(now.getTime() - preset.ms) };
}

/** Following new lines makes sense only for a window that reaches now, on a running container. */
export function canFollow(view: Pick<LogView, 'until' | 'previous'>): boolean {
  return !view.until && !view.previous;
}
