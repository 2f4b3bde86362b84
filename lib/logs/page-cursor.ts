// The page token of a log query: where the previous page ended, bound to the query it belongs to.
import type { LogQuery } from './log-entry';
import { LogSourceError } from './log-source';

export interface Cursor {
  /** Fingerprint of the query the token belongs to. */
  f: string;
  /** The last entry of the previous page: time (epoch ns) and insertId. */
  t: string;
  i: string;
  /** Lines per container that the previous page needed. */
  d: number;
}

export function fingerprintOf(q: LogQuery): string {
  const key = JSON.stringify([
    q.app,
    q.namespace,
    q.environment,
    q.cluster,
    [...(q.pods ?? [])].sort(),
    q.container ?? '',
    q.minSeverity ?? '',
    q.text?.trim() ?? '',
    q.since?.getTime() ?? '',
    q.until?.getTime() ?? '',
    q.previous ?? false,
    q.order ?? 'desc',
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(token: string, fingerprint: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (!cursor || typeof cursor.t !== 'string' || !/^\d{1,25}$/.test(cursor.t) || typeof cursor.i !== 'string' || cursor.i.length > 600 || !Number.isSafeInteger(cursor.d) || (cursor.d ?? 0) < 1) {
    throw new LogSourceError('invalid-query', 'The page token is not one Berth issued; reload the logs.');
  }
  if (cursor.f !== fingerprint) {
    throw new LogSourceError('invalid-query', 'The page token belongs to a different search; reload the logs.');
  }
  return cursor as Cursor;
}
