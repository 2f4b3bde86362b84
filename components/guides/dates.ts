// Dates on the Learn pages. Sessions are shown in UTC and say so: readers are in several time zones
// and the server cannot know theirs.
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const weekdayTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const weekdayOnly = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "20 Nov 2026" for a YYYY-MM-DD day or an ISO time. */
export function formatDay(iso: string): string {
  return day.format(new Date(iso));
}

/** "Thu, 19 Nov 2026, 17:00 UTC", or without a time for a date-only session. */
export function formatSessionTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return weekdayOnly.format(new Date(iso));
  return `${weekdayTime.format(new Date(iso))} UTC`;
}
