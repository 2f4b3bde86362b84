// Dates on the Learn pages, in Berth's one time format (lib/text/format-time): UTC, and it says so.
import { formatDate, formatTime } from '@/lib/text/format-time';

/** "2026-11-20" for a YYYY-MM-DD day or an ISO time. */
export function formatDay(iso: string): string {
  return formatDate(iso);
}

/** "Thu 2026-11-19 17:00 UTC", or "Thu 2026-11-19" for a date-only session. */
export function formatSessionTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return formatDate(iso, { weekday: true });
  return `${formatDate(iso, { weekday: true }).slice(0, 4)}${formatTime(iso, 'minute')}`;
}
