'use client';

// Short relative times for the status tables ("5m ago", ages like kubectl's "3h"), re-rendered
// as time passes.
import { useEffect, useState } from 'react';
import { formatTime } from '@/lib/text/format-time';

export function useNow(intervalMs = 10_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** kubectl's age: 45s, 12m, 3h, 5d. */
export function formatAge(iso: string | undefined, now: number): string {
  if (!iso) return '—';
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** "just now", "40s ago", "5m ago". */
export function formatAgo(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const seconds = Math.floor((now - Date.parse(iso)) / 1000);
  if (seconds < 10) return 'just now';
  return `${formatAge(iso, now)} ago`;
}

/** Restarts the way Headlamp shows them: "3 (5m ago)". */
export function formatRestarts(count: number, lastAt: string | undefined, now: number): string {
  return count > 0 && lastAt ? `${count} (${formatAgo(lastAt, now)})` : String(count);
}

/** The exact moment, in the one format Berth writes times in (lib/text/format-time). */
export function formatClock(iso: string | undefined): string {
  if (!iso) return '';
  return formatTime(iso);
}
