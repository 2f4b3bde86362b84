import { describe, expect, it } from 'vitest';
import { isValuesMap, mergeValueFiles, mergeValues } from './merge';

// Helm's behaviour, pinned: the first layer is the chart's defaults, the rest are `-f` files in
// order. Checked against helm/helm pkg/cli/values/options.go (mergeMaps) and
// pkg/chart/common/util/coalesce.go (coalesceValues / coalesceTablesFullKey).
const table: [string, unknown[], Record<string, unknown>][] = [
  ['deep maps merge', [{ a: { b: 1, c: 2 } }, { a: { c: 3, d: 4 } }], { a: { b: 1, c: 3, d: 4 } }],
  ['deep maps merge across three layers', [{ a: { b: { c: 1 } } }, { a: { b: { d: 2 } } }, { a: { b: { e: 3 } } }], { a: { b: { c: 1, d: 2, e: 3 } } }],
  ['a list is replaced whole', [{ l: [1, 2, 3] }, { l: [4] }], { l: [4] }],
  ['a list of maps is replaced, not merged by index', [{ l: [{ a: 1, b: 2 }] }, { l: [{ a: 3 }] }], { l: [{ a: 3 }] }],
  ['a scalar is replaced', [{ a: 1 }, { a: 2 }], { a: 2 }],
  ['the rightmost file wins', [{ a: 1 }, { a: 2 }, { a: 3 }], { a: 3 }],
  ['null deletes a chart default', [{ a: 1, b: 2 }, { a: null }], { b: 2 }],
  ['null deletes a whole default map', [{ a: { b: 1 }, c: 1 }, { a: null }], { c: 1 }],
  ['nested null deletes a nested default', [{ a: { b: 1, c: 2 } }, { a: { b: null } }], { a: { c: 2 } }],
  ['null from the environment file deletes a default the app file overrode', [{ a: 1 }, { a: 2 }, { a: null }], {}],
  ['null on a key absent from the defaults is kept as null', [{ b: 2 }, { a: null }], { a: null, b: 2 }],
  ['nested null on a key absent from the defaults is kept', [{ a: { c: 1 } }, { a: { b: null } }], { a: { b: null, c: 1 } }],
  ['null in the environment file does not delete what only the app file set', [{}, { a: { b: 1 } }, { a: { b: null } }], { a: { b: null } }],
  ['null inside a new map is kept', [{}, { a: { b: null, c: 1 } }], { a: { b: null, c: 1 } }],
  ['a later file sets again what an earlier one nulled', [{ a: 1 }, { a: null }, { a: 3 }], { a: 3 }],
  ['a chart default null stays', [{ a: null, b: { c: null } }, {}], { a: null, b: { c: null } }],
  ['top-level null deletes a chart key even when the default is null', [{ a: null }, { a: null }], {}],
  ['nested null over a null default stays', [{ a: { b: null } }, { a: { b: null } }], { a: { b: null } }],
  ['a map over a scalar default: the file wins', [{ a: 1 }, { a: { b: 2 } }], { a: { b: 2 } }],
  ['a scalar over a map default: the file wins', [{ a: { b: 2 } }, { a: 1 }], { a: 1 }],
  ['a map over a scalar between files', [{}, { a: 1 }, { a: { b: 2 } }], { a: { b: 2 } }],
  ['a scalar over a map between files', [{}, { a: { b: 2 } }, { a: 1 }], { a: 1 }],
  ['empty layers change nothing', [{}, { a: 1 }, {}], { a: 1 }],
  ['missing layers change nothing', [undefined, { a: 1 }, null], { a: 1 }],
  ['no layers at all', [], {}],
  ['only chart defaults', [{ a: { b: 1 } }], { a: { b: 1 } }],
];

describe('mergeValues', () => {
  it.each(table)('%s', (_name, layers, expected) => {
    expect(mergeValues(...layers)).toEqual(expected);
  });

  it('never modifies its inputs', () => {
    const chart = { a: { b: 1, c: 2 }, l: [1] };
    const app = { a: { b: null }, l: [2] };
    const env = { a: { d: 4 } };
    const snapshot = JSON.stringify([chart, app, env]);
    mergeValues(chart, app, env);
    expect(JSON.stringify([chart, app, env])).toBe(snapshot);
  });

  it('merges -f files keeping nulls as values (Helm merges files before the chart)', () => {
    expect(mergeValueFiles({ a: { b: 1, c: 2 } }, { a: { b: null } })).toEqual({ a: { b: null, c: 2 } });
  });
});

describe('isValuesMap', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['a', false],
    [1, false],
  ])('%j → %s', (value, expected) => {
    expect(isValuesMap(value)).toBe(expected);
  });
});
