// The logs view as URL search params (isomorphic): the viewer's address bar, the links other pages
// build ("logs around this restart": ?env&pod&container&previous=1&since&until) and the log route
// handlers all read and write the same names, so a copied link opens exactly the same view.
import { SEVERITIES, type LogQuery, type Severity } from './log-entry';
import { parseRfc3339Nanos } from './log-time';

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

export interface LogViewProblem {
  param: string;
  message: string;
}

export type LogViewParseResult = { ok: true; view: LogView } | { ok: false; problems: LogViewProblem[] };

type SearchInput = URLSearchParams | Record<string, string | string[] | undefined>;

const KUBE_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const MAX_PODS = 50;
const MAX_TEXT = 500;

function reader(input: SearchInput): (name: string) => string[] {
  if (input instanceof URLSearchParams) return (name) => input.getAll(name);
  return (name) => {
    const value = input[name];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
}

/** Parse the view from search params; each problem names its param, in plain words. */
export function parseLogView(input: SearchInput): LogViewParseResult {
  const all = reader(input);
  const one = (name: string) => {
    const values = all(name);
    return values.length > 0 ? values[values.length - 1] : undefined;
  };
  const problems: LogViewProblem[] = [];
  const view: LogView = { pods: [], previous: false, follow: false };

  const env = one('env');
  if (env) {
    if (ENVIRONMENT_NAME.test(env)) view.env = env;
    else problems.push({ param: 'env', message: 'The environment must be a name such as stage or production.' });
  }

  const pods = [...all('pod'), ...all('pods').flatMap((list) => list.split(','))].map((p) => p.trim()).filter(Boolean);
  const badPod = pods.find((pod) => !KUBE_NAME.test(pod));
  if (badPod !== undefined) problems.push({ param: 'pod', message: `"${badPod.slice(0, 80)}" is not a pod name.` });
  else if (new Set(pods).size > MAX_PODS) problems.push({ param: 'pod', message: `Pick at most ${MAX_PODS} pods.` });
  else view.pods = [...new Set(pods)];

  const container = one('container');
  if (container) {
    if (KUBE_NAME.test(container)) view.container = container;
    else problems.push({ param: 'container', message: `"${container.slice(0, 80)}" is not a container name.` });
  }

  const severity = one('severity')?.trim().toUpperCase();
  if (severity && severity !== 'ANY' && severity !== 'DEFAULT') {
    if ((SEVERITIES as readonly string[]).includes(severity)) view.severity = severity as Severity;
    else problems.push({ param: 'severity', message: `The severity must be one of ${SEVERITIES.slice(1).join(', ')}.` });
  }

  const q = one('q');
  if (q && q.trim()) {
    if (q.length <= MAX_TEXT) view.q = q;
    else problems.push({ param: 'q', message: `Search for at most ${MAX_TEXT} characters.` });
  }

  const range = one('range');
  if (range) {
    if (Object.hasOwn(TIME_RANGE_PRESETS, range)) view.range = range as TimeRangePreset;
    else problems.push({ param: 'range', message: 'The time range must be 15m, 1h or 24h (or give since and until).' });
  }

  for (const param of ['since', 'until'] as const) {
    const text = one(param);
    if (!text) continue;
    const nanos = parseRfc3339Nanos(text.trim());
    if (nanos === undefined) problems.push({ param, message: `${param} must be a time such as 2026-11-12T09:00:00Z.` });
    else view[param] = new Date(Number(nanos / 1_000_000n));
  }
  if (view.since && view.until && !(view.since < view.until)) {
    problems.push({ param: 'until', message: 'The end of the time range must come after its start.' });
  }

  for (const param of ['previous', 'follow'] as const) {
    const text = one(param);
    if (text === undefined || text === '' || text === '0' || text === 'false') continue;
    if (text === '1' || text === 'true') view[param] = true;
    else problems.push({ param, message: `${param} must be 1 or 0.` });
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, view };
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

/** The filter part of a LogQuery (the route adds app, namespace, environment and cluster). */
export function logQueryFilter(view: LogView, window: { since?: Date; until?: Date }): Pick<LogQuery, 'pods' | 'container' | 'minSeverity' | 'text' | 'since' | 'until' | 'previous'> {
  return {
    pods: view.pods.length > 0 ? view.pods : undefined,
    container: view.container,
    minSeverity: view.severity,
    text: view.q?.trim() || undefined,
    since: window.since,
    until: window.until,
    previous: view.previous || undefined,
  };
}
