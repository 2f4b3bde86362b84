// The leaves of a values tree: scalars, lists (Helm replaces lists whole) and empty maps. Isomorphic.
import { isValuesMap } from './merge';

export interface ValuesLeaf {
  path: string[];
  value: unknown;
}

export function listLeaves(root: unknown): ValuesLeaf[] {
  const leaves: ValuesLeaf[] = [];
  const stack: ValuesLeaf[] = [{ path: [], value: root }];
  while (stack.length > 0) {
    const { path, value } = stack.pop() as ValuesLeaf;
    const entries = isValuesMap(value) ? Object.entries(value) : [];
    if (entries.length > 0) {
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ path: [...path, entries[i][0]], value: entries[i][1] });
    } else if (path.length > 0) {
      leaves.push({ path, value });
    }
  }
  return leaves;
}

/** Deep equality for plain YAML values (no Dates or Maps: the Helm YAML options never make them). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isValuesMap(a) && isValuesMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return Number.isNaN(a) && Number.isNaN(b);
}
