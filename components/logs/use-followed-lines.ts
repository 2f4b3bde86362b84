'use client';
// Lines that arrive from the follow stream, kept per query (a new query starts empty) and
// de-duplicated against what was already shown.
import { useCallback, useRef, useState } from 'react';
import { appendFollowed, MAX_BUFFERED_LINES } from '@/lib/logs/log-buffer';
import type { LogEntry } from '@/lib/logs/log-entry';

const NO_ENTRIES: LogEntry[] = [];

export function useFollowedLines(queryKey: string) {
  const followedRef = useRef<{ key: string; entries: LogEntry[]; seen: Set<string> }>({ key: '', entries: [], seen: new Set() });
  const [followed, setFollowed] = useState<{ key: string; entries: LogEntry[] }>({ key: '', entries: NO_ENTRIES });
  const onEntries = useCallback(
    (batch: LogEntry[]) => {
      let current = followedRef.current;
      if (current.key !== queryKey) current = followedRef.current = { key: queryKey, entries: [], seen: new Set() };
      const next = appendFollowed(current.entries, batch, current.seen, MAX_BUFFERED_LINES);
      if (next === current.entries) return;
      current.entries = next;
      setFollowed({ key: queryKey, entries: next });
    },
    [queryKey],
  );
  const clear = useCallback(() => {
    followedRef.current = { key: '', entries: [], seen: new Set() };
    setFollowed({ key: '', entries: NO_ENTRIES });
  }, []);
  return { entries: followed.key === queryKey ? followed.entries : NO_ENTRIES, onEntries, clear };
}
