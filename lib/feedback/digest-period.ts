// The digest's "since" date from the query string (a date picker's YYYY-MM-DD), read as the start
// of that day in UTC. Isomorphic and pure, so the page and its tests agree on the default.

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DigestPeriod {
  since: Date;
  /** YYYY-MM-DD, what the date picker shows. */
  day: string;
  /** Why the requested date was not used, in words for the page. */
  problem: string | null;
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function digestPeriod(raw: string | undefined, now: Date = new Date()): DigestPeriod {
  const fallbackDay = isoDay(new Date(now.getTime() - 7 * DAY_MS));
  const fallback = (problem: string | null): DigestPeriod => ({ since: new Date(`${fallbackDay}T00:00:00.000Z`), day: fallbackDay, problem });
  if (!raw) return fallback(null);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return fallback('That is not a date (YYYY-MM-DD): showing the last 7 days.');
  const since = new Date(`${raw}T00:00:00.000Z`);
  if (Number.isNaN(since.getTime()) || isoDay(since) !== raw) return fallback('That is not a real date: showing the last 7 days.');
  if (since.getTime() > now.getTime()) return fallback('That date is in the future: showing the last 7 days.');
  return { since, day: raw, problem: null };
}
