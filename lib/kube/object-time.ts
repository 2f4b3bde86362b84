// Times on Kubernetes objects, whichever way they arrived.
// Objects from a LIST are deserialized by client-node (Date); from a WATCH they are raw JSON (string).
export type TimeValue = Date | string | null | undefined;

export function toMillis(value: TimeValue): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function toIso(value: TimeValue): string | undefined {
  const ms = toMillis(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
