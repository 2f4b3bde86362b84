// The logs view read from URL search params (isomorphic): the log route handlers and the logs page
// read what the viewer's address bar and other pages' links wrote (log-view.ts), with the same
// names, so a copied link opens exactly the same view. Each problem names its param.
import { SEVERITIES, type LogQuery, type Severity } from './log-entry';
import { parseRfc3339Nanos } from './log-time';
import { type LogView, TIME_RANGE_PRESETS, type TimeRangePreset } from './log-view';

export { canFollow, DEFAULT_TIME_RANGE, type LogView, logViewSearchParams, resolveTimeWindow, TIME_RANGE_PRESETS, type TimeRangePreset } from './log-view';

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
