// LIST semantics: selectors, resourceVersion / resourceVersionMatch, and limit/continue paging
// with continue tokens shaped like the API server's (base64url JSON with rv and start key).
import { ApiError, badRequest, continueExpired } from './api-errors';
import type { KubeObject } from './kube-types';
import type { ResourceDefinition } from './resources';
import { matchesFieldRequirements, matchesLabelRequirements, parseFieldSelector, parseLabelSelector, validateFieldSelector, type FieldRequirement, type LabelRequirement } from './selectors';
import type { ClusterStore } from './store';
import { parseNonNegativeInt } from './http-util';

export interface Selectors {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
}

export function parseSelectors(definition: ResourceDefinition, query: URLSearchParams): Selectors {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  validateFieldSelector(definition.name, fields);
  return { labels, fields };
}

export function matchesSelectors(definition: ResourceDefinition, selectors: Selectors, namespace: string | undefined, object: KubeObject): boolean {
  if (namespace && object.metadata.namespace !== namespace) return false;
  return matchesLabelRequirements(selectors.labels, object.metadata.labels) && matchesFieldRequirements(definition.name, selectors.fields, object);
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: number;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
}

function encodeContinue(rv: number, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (token.v !== 'meta.k8s.io/v1' || typeof token.rv !== 'number' || typeof token.start !== 'string') throw new Error('bad token');
    return token;
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

function keyOf(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

export function listObjects(store: ClusterStore, definition: ResourceDefinition, namespace: string | undefined, query: URLSearchParams): ListResult {
  const selectors = parseSelectors(definition, query);
  const limit = parseNonNegativeInt(query.get('limit'), 'limit') ?? 0;
  const continueParam = query.get('continue');
  const rvParam = query.get('resourceVersion');
  const rvMatch = query.get('resourceVersionMatch');
  let items: KubeObject[];
  let resourceVersion: number;
  let startKey = '';

  if (continueParam) {
    if (rvParam) throw badRequest('specifying resource version is not allowed when using continue');
    const token = decodeContinue(continueParam);
    resourceVersion = token.rv;
    startKey = token.start;
    try {
      items = store.listAt(definition.name, resourceVersion, namespace);
    } catch (error) {
      if (error instanceof ApiError && error.code === 410) throw continueExpired();
      throw error;
    }
  } else {
    if (rvMatch && !rvParam) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    if (rvMatch && rvMatch !== 'Exact' && rvMatch !== 'NotOlderThan') throw badRequest(`resourceVersionMatch: Unsupported value: "${rvMatch}": supported values: "Exact", "NotOlderThan"`);
    if (rvParam && !/^\d+$/.test(rvParam)) throw new ApiError(400, 'BadRequest', `resourceVersion: Invalid value: "${rvParam}": must be a non-negative integer`);
    if (rvMatch === 'Exact') {
      if (rvParam === '0') throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
      resourceVersion = Number(rvParam);
      items = store.listAt(definition.name, resourceVersion, namespace);
    } else {
      resourceVersion = store.resourceVersion;
      items = store.list(definition.name, namespace);
    }
  }

  let matched = items.filter((o) => (!startKey || keyOf(o) >= startKey) && matchesSelectors(definition, selectors, namespace, o));
  const result: ListResult = { items: matched, resourceVersion };
  if (limit > 0 && matched.length > limit) {
    const remaining = matched.length - limit;
    matched = matched.slice(0, limit);
    result.items = matched;
    result.continueToken = encodeContinue(resourceVersion, keyOf(matched[matched.length - 1]));
    if (selectors.labels.length === 0 && selectors.fields.length === 0) result.remainingItemCount = remaining;
  }
  return result;
}

/** Items inside a typed list carry no apiVersion/kind on the wire. */
export function withoutTypeMeta(object: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest as KubeObject;
}

export function listEnvelope(definition: ResourceDefinition, result: ListResult): object {
  const metadata: Record<string, unknown> = { resourceVersion: String(result.resourceVersion) };
  if (result.continueToken) metadata.continue = result.continueToken;
  if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
  return {
    kind: definition.listKind,
    apiVersion: definition.group ? `${definition.group}/${definition.version}` : definition.version,
    metadata,
    items: result.items.map(withoutTypeMeta),
  };
}

