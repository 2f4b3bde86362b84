// The lines a download holds: the newest `maxLines` entries that match, oldest first, read page
// by page so a slow backend is asked for at most maxLines / pageSize pages.
import { MAX_PAGE_SIZE, type LogEntry, type LogQuery } from './log-entry';
import type { LogSource } from './log-source';

export const DOWNLOAD_MAX_LINES = 20_000;

export interface LogDownload {
  /** Oldest first. */
  entries: LogEntry[];
  /** More lines matched than the download holds (the oldest were left out). */
  truncated: boolean;
}

export async function collectLogDownload(source: LogSource, query: LogQuery, options: { maxLines?: number; signal?: AbortSignal } = {}): Promise<LogDownload> {
  const maxLines = options.maxLines ?? DOWNLOAD_MAX_LINES;
  const newestFirst: LogEntry[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const page = await source.query(
      { ...query, order: 'desc', pageToken, pageSize: Math.min(MAX_PAGE_SIZE, maxLines - newestFirst.length) },
      options.signal,
    );
    newestFirst.push(...page.entries);
    pageToken = page.nextPageToken;
    if (!pageToken || page.entries.length === 0) return { entries: newestFirst.reverse(), truncated: false };
    if (newestFirst.length >= maxLines) return { entries: newestFirst.slice(0, maxLines).reverse(), truncated: true };
  }
}
