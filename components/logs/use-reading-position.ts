'use client';
// Follow the bottom of the list until the reader scrolls up; then count what arrived below.
import { type RefObject, useCallback, useMemo, useState } from 'react';
import type { LogEntry } from '@/lib/logs/log-entry';
import type { LogListHandle } from './log-list';

export function useReadingPosition(lines: readonly LogEntry[], listRef: RefObject<LogListHandle | null>) {
  const [pausedAfter, setPausedAfter] = useState<string | null>(null);
  const onScrolledUp = useCallback(
    (up: boolean) => setPausedAfter((current) => (up ? (current ?? lines[lines.length - 1]?.insertId ?? '') : null)),
    [lines],
  );
  const newBelow = useMemo(() => {
    if (pausedAfter === null) return 0;
    for (let i = lines.length - 1; i >= 0; i -= 1) if (lines[i].insertId === pausedAfter) return lines.length - 1 - i;
    return lines.length;
  }, [lines, pausedAfter]);
  const backToLatest = useCallback(() => {
    setPausedAfter(null);
    listRef.current?.scrollToLatest();
  }, [listRef]);
  const jumpToLatest = () => {
    backToLatest();
    listRef.current?.focus();
  };
  return { scrolledUp: pausedAfter !== null, newBelow, onScrolledUp, backToLatest, jumpToLatest };
}
