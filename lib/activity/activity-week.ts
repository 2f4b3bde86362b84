// Weeks of the activity report: ISO 8601 weeks (Monday to Monday, UTC), named like `2026-W49`,
// the value an <input type="week"> gives. Pure.

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface WeekRange {
  /** `2026-W49` */
  week: string;
  /** Monday 00:00 UTC, inclusive. */
  start: Date;
  /** The next Monday 00:00 UTC, exclusive. */
  end: Date;
}

/** Monday 00:00 UTC of ISO week 1 of an ISO year: the week holding 4 January. */
function weekOneMonday(isoYear: number): number {
  const jan4 = Date.UTC(isoYear, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * DAY_MS;
}

export function weekOf(time: Date): WeekRange {
  const day = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  const monday = day - weekday * DAY_MS;
  // The ISO year is the year of the week's Thursday.
  const isoYear = new Date(monday + 3 * DAY_MS).getUTCFullYear();
  const number = Math.round((monday - weekOneMonday(isoYear)) / (7 * DAY_MS)) + 1;
  return { week: `${isoYear}-W${String(number).padStart(2, '0')}`, start: new Date(monday), end: new Date(monday + 7 * DAY_MS) };
}

/** The range of `2026-W49`, or null when the text is not an existing ISO week. */
export function parseWeek(text: string): WeekRange | null {
  const match = WEEK_PATTERN.exec(text);
  if (!match) return null;
  const [year, number] = [Number(match[1]), Number(match[2])];
  if (number < 1 || number > 53) return null;
  const start = weekOneMonday(year) + (number - 1) * 7 * DAY_MS;
  const range = weekOf(new Date(start));
  // Week 53 exists only in some years: it must still belong to the year asked for.
  return range.week === text ? range : null;
}

export function shiftWeek(range: WeekRange, weeks: number): WeekRange {
  return weekOf(new Date(range.start.getTime() + weeks * 7 * DAY_MS));
}
