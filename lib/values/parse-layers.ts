// Parses every layer of an app's values (chart defaults, app, environment). Isomorphic.
import { parseValues } from './parse-values';
import { mergeValues } from './merge';
import type { ParsedValuesLayer, ValuesLayer, ValuesMap, ValuesProblem } from './types';

export interface ParsedLayers {
  /** The layers that parsed, in the same precedence order. */
  parsed: ParsedValuesLayer[];
  /** Every layer's parse problems, errors and warnings, in layer order. */
  problems: ValuesProblem[];
}

export function parseLayers(layers: readonly ValuesLayer[], options: { maxBytes?: number } = {}): ParsedLayers {
  const parsed: ParsedValuesLayer[] = [];
  const problems: ValuesProblem[] = [];
  for (const layer of layers) {
    const result = parseValues(layer.text, { file: layer.file, maxBytes: options.maxBytes });
    problems.push(...result.problems);
    if (!result.ok) continue;
    // The document is read through, not copied: a quickly read file builds it only when asked.
    parsed.push(
      Object.defineProperties({ ...layer, value: result.value }, {
        doc: { get: () => result.doc, enumerable: true },
        lineCounter: { get: () => result.lineCounter, enumerable: true },
      }) as ParsedValuesLayer,
    );
  }
  return { parsed, problems };
}

/**
 * Helm's merge of parsed layers. The chart's defaults play a different part from the app's files
 * (only they can be deleted by null), so they are picked by kind, not by position.
 */
export function mergeLayers(layers: readonly ParsedValuesLayer[]): ValuesMap {
  const chart = layers.find((layer) => layer.kind === 'chart');
  const files = layers.filter((layer) => layer.kind !== 'chart');
  return mergeValues(chart?.value ?? {}, ...files.map((layer) => layer.value));
}
