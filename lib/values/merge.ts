// Helm's coalesce of values layers, isomorphic (runs in the browser editor too).
// Maps merge deeply, lists and scalars are replaced whole, and a null in a later
// layer deletes the key coming from earlier layers (helm#5184 and friends).

export type ValuesMap = Record<string, unknown>;

export function isValuesMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merge layers in precedence order: chart defaults first, the environment file last. */
export function mergeValues(...layers: unknown[]): ValuesMap {
  let merged: ValuesMap = {};
  for (const layer of layers) {
    if (layer === undefined || layer === null) continue;
    if (!isValuesMap(layer)) continue;
    merged = mergeMaps(merged, layer);
  }
  return merged;
}

function mergeMaps(base: ValuesMap, override: ValuesMap): ValuesMap {
  const out: ValuesMap = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) {
      delete out[key];
    } else if (isValuesMap(value) && isValuesMap(out[key])) {
      out[key] = mergeMaps(out[key] as ValuesMap, value);
    } else {
      out[key] = stripNulls(value);
    }
  }
  return out;
}

// A null inside a map that has nothing to delete is dropped, as Helm does.
function stripNulls(value: unknown): unknown {
  if (!isValuesMap(value)) return value;
  const out: ValuesMap = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null) out[k] = stripNulls(v);
  }
  return out;
}
