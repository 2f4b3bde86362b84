// "Which file set this?": every effective value of an environment with the file and line it comes
// from and the lower layers it replaced (Argo CD users ask for exactly this view). Isomorphic.
import { findNode } from './find-node';
import { listLeaves } from './list-leaves';
import { isValuesMap, mergeValueFiles } from './merge';
import { mergeLayers, parseLayers } from './parse-layers';
import type { ParsedValuesLayer, ValuesLayer, ValuesLayerKind, ValuesMap } from './types';
import { formatValuesPath, getValueAt } from './values-path';

export interface EffectiveValue {
  /** Dotted, keys with dots quoted: serviceAccount.annotations."iam.gke.io/gcp-service-account". */
  path: string;
  /** The same path as keys, for jumping to it in the editor. */
  keys: string[];
  /**
   * The effective value. A `null` here is a null Helm keeps: a file's null only deletes keys the
   * chart's defaults set (see merge.ts); deleted keys are entries with `deleted: true`.
   */
  value: unknown;
  /** True when the source file deleted a chart default with `key: null`. */
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

function overridesBelow(layers: ParsedValuesLayer[], below: number, path: string[]): EffectiveValue['overrides'] {
  const overrides: EffectiveValue['overrides'] = [];
  for (let i = 0; i < below; i++) {
    const value = getValueAt(layers[i].value, path);
    if (value !== undefined) overrides.push({ file: layers[i].file, line: lineOf(layers[i], path), value });
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
  const merged = mergeLayers(parsed);
  const entries: EffectiveValue[] = [];

  for (const leaf of listLeaves(merged)) {
    let sourceIndex = parsed.length - 1;
    while (sourceIndex > 0 && getValueAt(parsed[sourceIndex].value, leaf.path) === undefined) sourceIndex--;
    const source = parsed[sourceIndex];
    entries.push({
      path: formatValuesPath(leaf.path),
      keys: leaf.path,
      value: leaf.value,
      source: { file: source.file, kind: source.kind, line: lineOf(source, leaf.path) },
      overrides: overridesBelow(parsed, sourceIndex, leaf.path),
    });
  }

  // A null that survives the merge of the app's files and is gone after the chart's defaults are
  // coalesced in has deleted a default; the last file writing that null is the one that did it.
  const files = parsed.filter((layer) => layer.kind !== 'chart');
  for (const path of nullPaths(mergeValueFiles(...files.map((layer) => layer.value)))) {
    if (getValueAt(merged, path) !== undefined) continue;
    let index = parsed.length - 1;
    while (index > 0 && (parsed[index].kind === 'chart' || getValueAt(parsed[index].value, path) !== null)) index--;
    const layer = parsed[index];
    entries.push({
      path: formatValuesPath(path),
      keys: path,
      value: null,
      deleted: true,
      source: { file: layer.file, kind: layer.kind, line: lineOf(layer, path) },
      overrides: overridesBelow(parsed, index, path),
    });
  }

  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
