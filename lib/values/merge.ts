// Helm's merge of values layers, isomorphic (runs in the browser editor too).
//
// Helm does it in two steps, and null behaves differently in each (pinned in merge.test.ts,
// checked against helm/helm pkg/cli/values/options.go and pkg/chart/common/util/coalesce.go;
// null handling regressed several times: helm#5184, #10569, #12162, #31979, #32530):
// 1. the `-f` files are merged in order: maps merge deeply, anything else (lists, scalars, null)
//    from the later file replaces the earlier value — a null is kept as a value at this point;
// 2. the result is coalesced with the chart's defaults: the files win; a null deletes the key when
//    the chart's defaults set it, and otherwise STAYS null (so an environment file's null does not
//    delete a value that only the app file set — the chart still sees the key, as null).
// A map-versus-scalar clash is only a warning in Helm; the file's value wins.

export type ValuesMap = Record<string, unknown>;

export function isValuesMap(value: unknown): value is ValuesMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's merge of `-f` files, in order (step 1 above). Inputs are never modified. */
export function mergeValueFiles(...files: unknown[]): ValuesMap {
  let merged: ValuesMap = {};
  for (const file of files) {
    if (isValuesMap(file)) merged = mergeFileInto(merged, file);
  }
  return merged;
}

function mergeFileInto(base: ValuesMap, override: ValuesMap): ValuesMap {
  const out: ValuesMap = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isValuesMap(value) && isValuesMap(current) ? mergeFileInto(current, value) : value;
  }
  return out;
}

/**
 * Merge layers in precedence order: chart defaults first, then the app's files, the environment
 * file last — as `helm upgrade -f values.yaml -f values-<env>.yaml` does with the chart.
 */
export function mergeValues(...layers: unknown[]): ValuesMap {
  const [chart, ...files] = layers;
  return coalesce(mergeValueFiles(...files), isValuesMap(chart) ? chart : {}, true);
}

// Step 2. At the top level Helm deletes on any null the chart has a key for; deeper down only when
// the chart's value is not itself null (coalesceValues vs coalesceTablesFullKey).
function coalesce(user: ValuesMap, chart: ValuesMap, top: boolean): ValuesMap {
  const out: ValuesMap = {};
  for (const [key, fallback] of Object.entries(chart)) {
    if (!Object.prototype.hasOwnProperty.call(user, key)) {
      out[key] = fallback;
      continue;
    }
    const value = user[key];
    if (value === null) {
      if (top || fallback !== null) continue;
      out[key] = null;
    } else if (isValuesMap(value) && isValuesMap(fallback)) {
      out[key] = coalesce(value, fallback, false);
    } else {
      out[key] = value;
    }
  }
  for (const [key, value] of Object.entries(user)) {
    if (!Object.prototype.hasOwnProperty.call(chart, key)) out[key] = value;
  }
  return out;
}
