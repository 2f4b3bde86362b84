// The one way Berth writes a moment in time: `2026-12-04 18:10:12 UTC`. Runs in the browser too.
//
// Why UTC, said on every time: the people reading Berth sit in several time zones and quote times
// to each other ("the restart at 18:10"), and Kubernetes, Cloud Logging and git all record UTC.
// One zone, written out, means a time copied from the status page matches the logs and the
// timeline, and the server's render matches the browser's (no zone guessed during hydration).
// Relative words ("5m ago") may stand beside it; they never replace it where the exact time matters.

export type TimePrecision = 'minute' | 'second' | 'ms';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-12-04 18:10:12 UTC` (`…18:10 UTC` by the minute, `…18:10:12.345 UTC` to the millisecond). */
export function formatTime(value: string | number | Date, precision: TimePrecision = 'second'): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  let clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (precision !== 'minute') clock += `:${pad(d.getUTCSeconds())}`;
  if (precision === 'ms') clock += `.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${day} ${clock} UTC`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2026-12-04`, or `Fri 2026-12-04` with the weekday: a day without a time of day (UTC). */
export function formatDate(value: string | number | Date, options: { weekday?: boolean } = {}): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
  const day = formatTime(d, 'minute').slice(0, 10);
  return options.weekday ? `${WEEKDAYS[d.getUTCDay()]} ${day}` : day;
}

/** A `datetime-local` input's value for a moment, in UTC (the inputs say so in their label). */
export function toUtcInputValue(date: Date): string {
  return formatTime(date, 'second').slice(0, 19).replace(' ', 'T');
}

/** The moment a `datetime-local` input's value names, read as UTC; undefined when it is not one. */
export function fromUtcInputValue(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/.test(value)) return undefined;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
