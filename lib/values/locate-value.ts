// Answers "which file, which line set this value?" for a path of the merged values. Isomorphic.
//
// Helm's merge means the value at a path comes from the LAST layer in precedence order that sets
// it; when no layer sets the full path (a list index, a key only the merge produced), we walk up
// the path until some layer has the node, so an error still lands on a line the user can edit.
import { isCollection, isScalar, type Node } from 'yaml';
import { findNode, setsNull } from './find-node';
import { problemAt, type ProblemDetails } from './problem-at';
import type { ParsedValuesLayer, ValuesKeyPath, ValuesProblem } from './types';

export interface ValueLocation {
  layer: ParsedValuesLayer;
  from: number;
  to: number;
  /** The node found (value, or key when pointing at a key); absent for the file-start fallback. */
  node?: Node;
  /** False when we had to walk up the path to find something to point at. */
  exact: boolean;
}

export type LocateTarget =
  /** the value at the path (for a map or list: its key, a readable one-line span) */
  | 'value'
  /** the key of the last path segment, e.g. an unknown key */
  | 'key';

function spanOf(node: Node): [number, number] | undefined {
  if (!node.range) return undefined;
  return [node.range[0], node.range[1]];
}

function locateIn(
  layer: ParsedValuesLayer,
  path: ValuesKeyPath,
  target: LocateTarget,
  exact: boolean,
): ValueLocation | undefined {
  // A `key: null` counts: Helm keeps a null that has no chart default to delete.
  const found = findNode(layer.doc, path);
  if (!found) return undefined;
  // A whole block underlined is noise: for maps and lists, point at the key that opens them.
  const preferKey = target === 'key' || found.node === null || isCollection(found.node);
  const node = preferKey && found.keyNode ? found.keyNode : found.node;
  if (!node) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  return { layer, from: span[0], to: span[1], node, exact };
}

/** Where the merged value at `path` was set: the last layer that sets it, walking up if needed. */
export function locateValue(
  layers: readonly ParsedValuesLayer[],
  path: ValuesKeyPath,
  target: LocateTarget = 'value',
): ValueLocation | undefined {
  for (let depth = path.length; depth >= 1; depth--) {
    const prefix = path.slice(0, depth);
    for (let i = layers.length - 1; i >= 0; i--) {
      const location = locateIn(layers[i], prefix, depth === path.length ? target : 'key', depth === path.length);
      if (location) return location;
    }
  }
  return undefined;
}

/**
 * Where to say "this map misses a key". The fix goes into the app's own files, so chart defaults
 * are only a last resort: the last app/environment layer that has the map (or its closest
 * ancestor), else line 1 of the app file.
 */
export function locateParent(layers: readonly ParsedValuesLayer[], path: ValuesKeyPath): ValueLocation | undefined {
  const own = layers.filter((layer) => layer.kind !== 'chart');
  for (let depth = path.length; depth >= 1; depth--) {
    for (let i = own.length - 1; i >= 0; i--) {
      const location = locateIn(own[i], path.slice(0, depth), 'key', depth === path.length);
      if (location) return location;
    }
  }
  const fallback = own.find((layer) => layer.kind === 'app') ?? own[0] ?? layers[0];
  if (!fallback) return undefined;
  const firstLineEnd = fallback.text.search(/\r?\n|$/);
  return { layer: fallback, from: 0, to: Math.max(0, firstLineEnd), exact: false };
}

/** The last layer that writes `key: null` at `path`, deleting what lower layers set there. */
export function locateNullAt(layers: readonly ParsedValuesLayer[], path: ValuesKeyPath): ValueLocation | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const found = findNode(layers[i].doc, path);
    if (!found || !setsNull(found)) continue;
    const node = found.keyNode ?? (found.node && isScalar(found.node) ? found.node : undefined);
    const span = node ? spanOf(node) : undefined;
    if (node && span) return { layer: layers[i], from: span[0], to: span[1], node, exact: true };
  }
  return undefined;
}

/** A problem at a location found above. */
export function problemAtLocation(location: ValueLocation, details: ProblemDetails): ValuesProblem {
  return problemAt(location.layer.file, location.layer.lineCounter, location.from, location.to, details);
}
