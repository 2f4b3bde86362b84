// Routes one cluster's API requests: discovery, LIST/GET/WATCH of the served resources (JSON or
// meta.k8s.io Table), DELETE of pods, and pods/{name}/log. Paths and errors as the real server's.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, methodNotAllowed, notFound, unknownPath } from './api-errors';
import type { Clock } from './clock';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, rootPaths, SERVER_VERSION } from './discovery';
import { baseHeaders, negotiate, parseBool, parseNonNegativeInt, readBody, sendJson } from './http-util';
import { listEnvelope, listObjects } from './list-objects';
import type { LogStore } from './log-store';
import { servePodLog } from './pod-logs';
import { findResource, type ResourceDefinition } from './resources';
import type { ClusterSimulator } from './simulator';
import type { ClusterStore } from './store';
import { parseIncludeObject, toTable, wantsTable } from './tables';
import { serveWatch } from './watch-stream';

export interface ClusterApiContext {
  name: string;
  store: ClusterStore;
  simulator: ClusterSimulator;
  logs: LogStore;
  clock: Clock;
  bookmarkIntervalMs: number;
  defaultWatchTimeoutSeconds: number;
  track(res: ServerResponse): void;
}

interface ResourcePath {
  definition: ResourceDefinition;
  namespace?: string;
  name?: string;
  subresource?: string;
  watchPath: boolean;
}

/** /api/v1/... or /apis/{group}/{version}/... → what is being asked for; undefined if not a resource path. */
function parseResourcePath(segments: string[]): ResourcePath | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else return undefined;
  let watchPath = false;
  if (rest[0] === 'watch') {
    watchPath = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  } else if (rest[0] === 'namespaces' && rest.length === 2) {
    const definition = findResource(group, version, 'namespaces');
    return definition ? { definition, name: rest[1], watchPath } : undefined;
  }
  const definition = findResource(group, version, rest[0]);
  if (!definition || rest.length > 3) return undefined;
  if (namespace !== undefined && !definition.namespaced) return undefined;
  return { definition, namespace, name: rest[1], subresource: rest[2], watchPath };
}

export async function handleClusterRequest(ctx: ClusterApiContext, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  const method = req.method ?? 'GET';
  const pretty = parseBool(query.get('pretty'), 'pretty');
  const segments = path.split('/').filter(Boolean);
  const joined = '/' + segments.join('/');

  // Health and discovery.
  if (['/healthz', '/livez', '/readyz'].includes(joined)) {
    res.writeHead(200, baseHeaders('text/plain; charset=utf-8'));
    res.end('ok');
    return;
  }
  if (joined === '/') return sendJson(res, 200, rootPaths(), true);
  if (joined === '/version') return sendJson(res, 200, SERVER_VERSION, true);
  if (joined.startsWith('/openapi/')) throw unknownPath();
  if (joined === '/api') return sendJson(res, 200, apiVersions(), pretty);
  if (joined === '/apis') return sendJson(res, 200, apiGroupList(), pretty);
  if (segments[0] === 'api' && segments.length === 2) {
    const list = apiResourceList('', segments[1]);
    if (!list) throw unknownPath();
    return sendJson(res, 200, list, pretty);
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    const group = apiGroup(segments[1]);
    if (!group) throw unknownPath();
    return sendJson(res, 200, group, pretty);
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    const list = apiResourceList(segments[1], segments[2]);
    if (!list) throw unknownPath();
    return sendJson(res, 200, list, pretty);
  }

  const target = parseResourcePath(segments);
  if (!target) throw unknownPath();
  const { definition, namespace, name, subresource } = target;

  if (subresource) {
    if (definition.name !== 'pods' || subresource !== 'log' || !name || namespace === undefined) throw unknownPath();
    if (method !== 'GET') throw methodNotAllowed();
    servePodLog(ctx, namespace, name, query, res);
    return;
  }

  if (method === 'DELETE') {
    if (definition.name !== 'pods' || !name || namespace === undefined) throw methodNotAllowed();
    const body = await readBody(req);
    let grace = parseNonNegativeInt(query.get('gracePeriodSeconds'), 'gracePeriodSeconds');
    if (body.trim()) {
      try {
        const options = JSON.parse(body) as { gracePeriodSeconds?: number };
        if (typeof options.gracePeriodSeconds === 'number') grace = options.gracePeriodSeconds;
      } catch {
        throw new ApiError(400, 'BadRequest', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
      }
    }
    const deleted = ctx.simulator.deletePod(namespace, name, grace);
    if (!deleted) throw notFound(definition, name);
    return sendJson(res, 200, deleted, pretty);
  }
  if (method !== 'GET') throw methodNotAllowed();

  const format = negotiate(req, true, wantsTable);
  const includeObject = parseIncludeObject(query.get('includeObject'));
  const watch = target.watchPath || parseBool(query.get('watch'), 'watch');

  if (name && !watch) {
    const object = ctx.store.get(definition.name, namespace, name);
    if (!object) throw notFound(definition, name);
    if (format.kind === 'table') {
      return sendJson(res, 200, toTable(definition.name, [object], { now: ctx.clock.now(), includeObject, listMeta: { resourceVersion: object.metadata.resourceVersion } }), pretty);
    }
    return sendJson(res, 200, object, pretty);
  }

  if (watch) {
    // Watching one object by name is a watch with fieldSelector metadata.name=<name>.
    const watchQuery = new URLSearchParams(query);
    if (name) watchQuery.set('fieldSelector', [query.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','));
    serveWatch(
      { store: ctx.store, clock: ctx.clock, bookmarkIntervalMs: ctx.bookmarkIntervalMs, defaultTimeoutSeconds: ctx.defaultWatchTimeoutSeconds, track: ctx.track },
      definition,
      namespace,
      watchQuery,
      res,
      { table: format.kind === 'table', includeObject },
    );
    return;
  }

  const result = listObjects(ctx.store, definition, namespace, query);
  if (format.kind === 'table') {
    const listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: String(result.resourceVersion) };
    if (result.continueToken) listMeta.continue = result.continueToken;
    if (result.remainingItemCount !== undefined) listMeta.remainingItemCount = result.remainingItemCount;
    return sendJson(res, 200, toTable(definition.name, result.items, { now: ctx.clock.now(), includeObject, listMeta }), pretty);
  }
  return sendJson(res, 200, listEnvelope(definition, result), pretty);
}
