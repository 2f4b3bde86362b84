// Log timestamps at nanosecond precision (isomorphic). Kubernetes and Cloud Logging both keep
// nanoseconds; a JavaScript Date keeps milliseconds, so times travel as epoch nanoseconds (bigint).

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)$/;

/** Epoch nanoseconds of an RFC 3339 time (any fraction length, any offset); undefined if not one. */
export function parseRfc3339Nanos(text: string): bigint | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (Number.isNaN(ms)) return undefined;
  let offsetMinutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  }
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

export function dateToNanos(date: Date): bigint {
  return BigInt(date.getTime()) * 1_000_000n;
}

/** Seconds + nanos (a protobuf Timestamp) as epoch nanoseconds. */
export function timestampToNanos(seconds: number | string | bigint, nanos: number): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

/** `2026-11-12T09:00:00.123456789Z`: always nine fraction digits, so times sort as text. */
export function formatNanos(epochNanos: bigint): string {
  const ms = epochNanos / 1_000_000n - (epochNanos < 0n && epochNanos % 1_000_000n !== 0n ? 1n : 0n);
  const subMs = epochNanos - ms * 1_000_000n;
  const iso = new Date(Number(ms)).toISOString(); // …T09:00:00.123Z
  return `${iso.slice(0, 23)}${subMs.toString().padStart(6, '0')}Z`;
}
