// "5 min ago", with the exact time on hover. Server-rendered: the page refreshes it when data changes.
import { formatTime } from '@/lib/text/format-time';
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(seconds);
  const suffix = seconds >= 0 ? 'ago' : 'from now';
  if (abs < 45) return seconds >= 0 ? 'just now' : 'in a moment';
  if (abs < 90 * 60) return `${Math.round(abs / 60)} min ${suffix}`;
  if (abs < 36 * 3600) return `${Math.round(abs / 3600)} h ${suffix}`;
  return `${Math.round(abs / 86400)} d ${suffix}`;
}

export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
