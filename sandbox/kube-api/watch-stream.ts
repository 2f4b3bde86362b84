// WATCH: newline-delimited WatchEvents ({type, object}) over a chunked response. Resumes after a
// resourceVersion (410 Expired in-stream when it is too old), replays the current state when none
// is given, honours selectors with the API's enter/leave semantics (ADDED/DELETED when an object
// starts or stops matching), sends BOOKMARKs and ends after timeoutSeconds.
import type { ServerResponse } from 'node:http';
import { ApiError } from './api-errors';
import type { Clock, ClockTimer } from './clock';
import type { KubeObject } from './kube-types';
import { matchesSelectors, parseSelectors } from './list-objects';
import { apiVersionOf, type ResourceDefinition } from './resources';
import type { ClusterStore, StoreChange } from './store';
import { toTable, type IncludeObject } from './tables';
import { baseHeaders, parseBool, parseNonNegativeInt } from './http-util';

export interface WatchContext {
  store: ClusterStore;
  clock: Clock;
  /** Real milliseconds between BOOKMARK events. */
  bookmarkIntervalMs: number;
  /** Used when the client gives no timeoutSeconds. */
  defaultTimeoutSeconds: number;
  track(res: ServerResponse): void;
}

export interface WatchFormat {
  table: boolean;
  includeObject: IncludeObject;
}

/** A watcher that falls this far behind is dropped (it re-lists), like the API server's. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export function serveWatch(
  ctx: WatchContext,
  definition: ResourceDefinition,
  namespace: string | undefined,
  query: URLSearchParams,
  res: ServerResponse,
  format: WatchFormat,
): void {
  const selectors = parseSelectors(definition, query);
  const rvParam = query.get('resourceVersion') ?? '';
  const allowBookmarks = parseBool(query.get('allowWatchBookmarks'), 'allowWatchBookmarks');
  const sendInitialEvents = parseBool(query.get('sendInitialEvents'), 'sendInitialEvents');
  const timeoutSeconds = parseNonNegativeInt(query.get('timeoutSeconds'), 'timeoutSeconds') || ctx.defaultTimeoutSeconds;
  if (rvParam && !/^\d+$/.test(rvParam)) throw new ApiError(400, 'BadRequest', `resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
  if (sendInitialEvents && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw new ApiError(422, 'Invalid', 'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled and resourceVersionMatch is set to NotOlderThan');
  }
  const { store } = ctx;
  const matches = (object: KubeObject) => matchesSelectors(definition, selectors, namespace, object);

  res.writeHead(200, { ...baseHeaders('application/json'), 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  ctx.track(res);

  let closed = false;
  let sentTableHeaders = false;
  const timers: { bookmark?: ClockTimer; timeout?: ClockTimer } = {};
  let unsubscribe: () => void = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    ctx.clock.clearTimeout(timers.bookmark);
    ctx.clock.clearTimeout(timers.timeout);
    res.end();
  };
  res.on('close', close);

  const render = (object: KubeObject): unknown => {
    if (!format.table) return object;
    const table = toTable(definition.name, [object], { now: ctx.clock.now(), includeObject: format.includeObject, noHeaders: sentTableHeaders });
    sentTableHeaders = true;
    return table;
  };
  const send = (type: string, object: unknown) => {
    if (closed) return;
    res.write(JSON.stringify({ type, object }) + '\n');
    if (res.writableLength > MAX_BUFFERED_BYTES) close();
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(store.resourceVersion), creationTimestamp: null };
    if (annotations) metadata.annotations = annotations;
    send('BOOKMARK', { kind: definition.kind, apiVersion: apiVersionOf(definition), metadata });
  };
  const deliver = (change: StoreChange) => {
    if (change.resource !== definition.name) return;
    const now = change.type !== 'DELETED' && matches(change.object);
    const before = change.type === 'DELETED' ? matches(change.object) : change.previous ? matches(change.previous) : false;
    if (change.type === 'ADDED') {
      if (now) send('ADDED', render(change.object));
    } else if (change.type === 'DELETED') {
      if (before) send('DELETED', render(change.object));
    } else if (now && before) send('MODIFIED', render(change.object));
    else if (now) send('ADDED', render(change.object));
    else if (before) send('DELETED', render(change.object));
  };

  if (rvParam === '' || rvParam === '0' || sendInitialEvents) {
    for (const object of store.list(definition.name, namespace)) if (matches(object)) send('ADDED', render(object));
    if (sendInitialEvents && allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    let changes: StoreChange[];
    try {
      changes = store.changesSince(Number(rvParam));
    } catch (error) {
      if (error instanceof ApiError) {
        send('ERROR', error.toStatus());
        close();
        return;
      }
      throw error;
    }
    for (const change of changes) deliver(change);
  }
  unsubscribe = store.subscribe(deliver);

  if (allowBookmarks && ctx.bookmarkIntervalMs > 0) {
    const schedule = () => {
      timers.bookmark = ctx.clock.setTimeout(() => {
        bookmark();
        schedule();
      }, ctx.bookmarkIntervalMs);
    };
    schedule();
  }
  timers.timeout = ctx.clock.setTimeout(close, timeoutSeconds * 1000);
}
