// Paths into values trees: reading a value at a path and writing a path the way people read it.
// Isomorphic.
import { isValuesMap } from './merge';
import type { ValuesKeyPath } from './types';

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * `deployments.web.replicas`, `virtualService.hosts[0]`, `annotations."iam.gke.io/gcp-service-account"`.
 * Keys that are not plain words are quoted so a dotted key never reads as two levels.
 */
export function formatValuesPath(path: ValuesKeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      continue;
    }
    const key = PLAIN_KEY.test(segment) ? segment : JSON.stringify(segment);
    out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** The value at `path`, or undefined when some step is missing or is not a map/list. */
export function getValueAt(root: unknown, path: ValuesKeyPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(index)) return undefined;
      current = current[index];
    } else if (isValuesMap(current)) {
      const key = String(segment);
      if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A JSON Pointer (Ajv's instancePath) as path segments; list indexes become numbers. */
export function pathFromPointer(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path: (string | number)[] = [];
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = isValuesMap(current) ? current[segment] : undefined;
    }
  }
  return path;
}
