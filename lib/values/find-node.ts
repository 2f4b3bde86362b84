// Finds the YAML node a values path leads to inside one parsed file, following aliases and
// `<<` merge keys the way the value itself was built. Isomorphic.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ValuesKeyPath } from './types';

export interface FoundNode {
  /** The value node; null when the key is there with nothing after the colon. */
  node: Node | null;
  /** The key node of the last map step, when the path ends in a map key. */
  keyNode?: Node;
}

/** The key as Helm sees it once the map is JSON: `on:` is "true", `8080:` is "8080". */
export function keyAsString(key: unknown): string | undefined {
  if (isScalar(key)) {
    const value = key.value;
    if (value === null || value === undefined) return '';
    if (typeof value === 'symbol') return value.description;
    return String(value);
  }
  if (typeof key === 'string') return key;
  return undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function resolve(doc: Document, node: unknown): Node | null {
  let current = node;
  // An alias may point at another alias; a cycle cannot parse, the bound is only a safeguard.
  for (let hops = 0; hops < 100 && isAlias(current); hops++) {
    current = current.resolve(doc) ?? null;
  }
  return (current as Node | null) ?? null;
}

// Each map's keys, indexed once: a lookup per problem must not scan the map, or locating the
// problems of a file with thousands of keys becomes quadratic. An index is checked against the
// map before use (documents can be edited), and rebuilt when it no longer matches.
const keyIndexes = new WeakMap<object, { size: number; positions: Map<string, number>; merges: number[] }>();

function indexOf(map: YAMLMap): { positions: Map<string, number>; merges: number[] } {
  let index = keyIndexes.get(map);
  if (!index || index.size !== map.items.length) {
    const positions = new Map<string, number>();
    const merges: number[] = [];
    map.items.forEach((pair, i) => {
      if (isMergeKey(pair.key)) {
        merges.push(i);
        return;
      }
      const name = keyAsString(pair.key);
      // Later pairs win, as in Helm.
      if (name !== undefined) positions.set(name, i);
    });
    index = { size: map.items.length, positions, merges };
    keyIndexes.set(map, index);
  }
  return index;
}

function explicitPair(map: YAMLMap, key: string): Pair | undefined {
  const position = indexOf(map).positions.get(key);
  if (position === undefined) return undefined;
  const pair = map.items[position];
  if (pair && !isMergeKey(pair.key) && keyAsString(pair.key) === key) return pair;
  keyIndexes.delete(map); // edited in place since it was indexed
  return explicitPair(map, key);
}

function findPair(doc: Document, map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  // Explicit keys beat merged ones.
  const explicit = explicitPair(map, key);
  if (explicit) return explicit;
  for (const position of indexOf(map).merges) {
    const pair = map.items[position];
    if (!pair || !isMergeKey(pair.key)) {
      keyIndexes.delete(map);
      return findPair(doc, map, key);
    }
    const target = resolve(doc, pair.value);
    const sources = isSeq(target) ? target.items.map((item) => resolve(doc, item)) : [target];
    // Among several merged maps the first one listed wins (YAML merge key rules).
    for (const source of sources) {
      if (!source) continue;
      const found = findPair(doc, source, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** The node at `path` in `doc`, or undefined when the file does not set that path. */
export function findNode(doc: Document, path: ValuesKeyPath): FoundNode | undefined {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let keyNode: Node | undefined;
  for (const segment of path) {
    const container = resolve(doc, node);
    if (isMap(container)) {
      const pair = findPair(doc, container, String(segment));
      if (!pair) return undefined;
      keyNode = (pair.key as Node | null) ?? undefined;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(container)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= container.items.length) return undefined;
      node = (container.items[index] as Node | null) ?? null;
      keyNode = undefined;
    } else {
      return undefined;
    }
  }
  return { node, keyNode };
}

/** True when the file writes `key: null` (or `key: ~`, or `key:`) at exactly this path. */
export function setsNull(found: FoundNode | undefined): boolean {
  if (!found) return false;
  return found.node === null || (isScalar(found.node) && found.node.value === null);
}
