// Parses every layer of an app's values (chart defaults, app, environment). Isomorphic.
import { parseValues } from './parse-values';
import type { ParsedValuesLayer, ValuesLayer, ValuesProblem } from './types';

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
    if (result.ok) parsed.push({ ...layer, doc: result.doc, lineCounter: result.lineCounter, value: result.value });
  }
  return { parsed, problems };
}
