// Numbers and times of the cutover panel, the same on the server and in the browser (UTC, fixed
// decimals), so the first render and the hydrated one agree.
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value.toFixed(value < 1 ? 2 : 1)} %`;
}

export function formatMs(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

/** "18:42:07 UTC" */
export function formatUtcTime(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** "2026-12-04 18:42 UTC" */
export function formatUtcDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "2 min 5 s" */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
}
