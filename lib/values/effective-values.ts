// "Which file set this?": every effective value of an environment with the file and line it comes
// from and the lower layers it replaced (Argo CD users ask for exactly this view). Isomorphic.
import { findNode } from './find-node';
import { listLeaves } from './list-leaves';
import { isValuesMap, mergeValues } from './merge';
import { parseLayers } from './parse-layers';
import type { ParsedValuesLayer, ValuesLayer, ValuesLayerKind, ValuesMap } from './types';
import { formatValuesPath, getValueAt } from './values-path';

export interface EffectiveValue {
  /** Dotted, keys with dots quoted: serviceAccount.annotations."iam.gke.io/gcp-service-account". */
  path: string;
  /** The same path as keys, for jumping to it in the editor. */
  keys: string[];
  /** The effective value; null for a key deleted by `key: null`. */
  value: unknown;
  /** True when the source file deleted the key with `null` and nothing set it again. */
  deleted?: true;
  source: { file: string; kind: ValuesLayerKind; line: number };
  /** Lower layers whose value at this path was replaced (or deleted), lowest first. */
  overrides: { file: string; line: number; value: unknown }[];
}

function lineOf(layer: ParsedValuesLayer, path: string[]): number {
  const found = findNode(layer.doc, path);
  const node = found?.keyNode ?? found?.node;
  return node?.range ? layer.lineCounter.linePos(node.range[0]).line : 1;
}

function has(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function overridesBelow(layers: ParsedValuesLayer[], below: number, path: string[]): EffectiveValue['overrides'] {
  const overrides: EffectiveValue['overrides'] = [];
  for (let i = 0; i < below; i++) {
    const value = getValueAt(layers[i].value, path);
    if (has(value)) overrides.push({ file: layers[i].file, line: lineOf(layers[i], path), value });
  }
  return overrides;
}

/** Paths where a layer writes an explicit null, found without recursing into the null itself. */
function nullPaths(value: ValuesMap): string[][] {
  const paths: string[][] = [];
  const stack: [ValuesMap, string[]][] = [[value, []]];
  while (stack.length > 0) {
    const [map, path] = stack.pop() as [ValuesMap, string[]];
    for (const [key, child] of Object.entries(map)) {
      if (child === null) paths.push([...path, key]);
      else if (isValuesMap(child)) stack.push([child, [...path, key]]);
    }
  }
  return paths;
}

/**
 * The effective values of `layers` (precedence order, lowest first), sorted by path. Layers that do
 * not parse are left out: validate first to show their problems.
 */
export function effectiveValues(layers: ValuesLayer[]): EffectiveValue[] {
  const { parsed } = parseLayers(layers);
  const merged = mergeValues(...parsed.map((layer) => layer.value));
  const entries: EffectiveValue[] = [];

  for (const leaf of listLeaves(merged)) {
    let sourceIndex = parsed.length - 1;
    while (sourceIndex > 0 && !has(getValueAt(parsed[sourceIndex].value, leaf.path))) sourceIndex--;
    const source = parsed[sourceIndex];
    entries.push({
      path: formatValuesPath(leaf.path),
      keys: leaf.path,
      value: leaf.value,
      source: { file: source.file, kind: source.kind, line: lineOf(source, leaf.path) },
      overrides: overridesBelow(parsed, sourceIndex, leaf.path),
    });
  }

  // Replay the merge to see which nulls really deleted something (a null on an absent key is a no-op
  // in Helm), keeping the last deletion of each path that is still absent at the end.
  const deletions = new Map<string, EffectiveValue>();
  let sofar: ValuesMap = {};
  parsed.forEach((layer, index) => {
    for (const path of nullPaths(layer.value)) {
      if (!has(getValueAt(sofar, path))) continue;
      deletions.set(formatValuesPath(path), {
        path: formatValuesPath(path),
        keys: path,
        value: null,
        deleted: true,
        source: { file: layer.file, kind: layer.kind, line: lineOf(layer, path) },
        overrides: overridesBelow(parsed, index, path),
      });
    }
    sofar = mergeValues(sofar, layer.value);
  });
  for (const deletion of deletions.values()) {
    if (getValueAt(merged, deletion.keys) === undefined) entries.push(deletion);
  }

  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
