// The viewer's lines in memory (isomorphic): query pages and followed entries as one list, oldest
// first, without repeats, capped so a long follow cannot exhaust the tab.
import type { LogEntry } from './log-entry';

export const MAX_BUFFERED_LINES = 50_000;

/** Query pages (each newest first, each next page older) as one list, oldest first. */
export function pagesOldestFirst(pages: readonly (readonly LogEntry[])[]): LogEntry[] {
  const out: LogEntry[] = [];
  for (let p = pages.length - 1; p >= 0; p -= 1) {
    const page = pages[p];
    for (let i = page.length - 1; i >= 0; i -= 1) out.push(page[i]);
  }
  return out;
}

/**
 * A batch of followed entries added to a list (both oldest first): entries whose insertId is in
 * `seen` are skipped (a reconnect repeats the last millisecond), the rest are merged in time
 * order (several pods' streams interleave), and only the newest `cap` are kept. `seen` is updated.
 */
export function appendFollowed(list: readonly LogEntry[], batch: readonly LogEntry[], seen: Set<string>, cap = MAX_BUFFERED_LINES): LogEntry[] {
  const fresh = batch.filter((entry) => {
    if (seen.has(entry.insertId)) return false;
    seen.add(entry.insertId);
    return true;
  });
  if (fresh.length === 0) return list as LogEntry[];
  fresh.sort(byTime);
  let merged: LogEntry[];
  const last = list[list.length - 1];
  if (!last || fresh[0].time >= last.time) {
    merged = list.concat(fresh);
  } else {
    // Only the end of the list can be newer than the batch's oldest entry.
    const at = upperBound(list, fresh[0].time);
    merged = list.slice(0, at).concat(mergeSorted(list.slice(at), fresh));
  }
  if (merged.length <= cap) return merged;
  const dropped = merged.length - cap;
  for (let i = 0; i < dropped; i += 1) seen.delete(merged[i].insertId);
  return merged.slice(dropped);
}

/** Older (queried) and newer (followed) lines as one list: the newest `cap`, repeats removed. */
export function combineLines(older: readonly LogEntry[], followed: readonly LogEntry[], cap = MAX_BUFFERED_LINES): { lines: LogEntry[]; dropped: number } {
  let newer = followed;
  if (older.length > 0 && followed.length > 0) {
    // A follow starts at the newest queried line's time: only lines from then on can repeat.
    const overlap = new Set<string>();
    for (let i = older.length - 1; i >= 0 && older[i].time >= followed[0].time; i -= 1) overlap.add(older[i].insertId);
    if (overlap.size > 0) newer = followed.filter((e) => !overlap.has(e.insertId));
  }
  const all = newer.length === 0 ? (older as LogEntry[]) : older.concat(newer);
  return all.length <= cap ? { lines: all, dropped: 0 } : { lines: all.slice(all.length - cap), dropped: all.length - cap };
}

function byTime(a: LogEntry, b: LogEntry): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

/** The first index whose time is after `time`. */
function upperBound(list: readonly LogEntry[], time: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].time <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mergeSorted(a: readonly LogEntry[], b: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byTime(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
