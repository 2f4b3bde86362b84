// Next hands pages `searchParams` as string | string[] | undefined per key; the board's filters
// take one value each (the first), and the zod schemas decide what they mean. Isomorphic.
export type PageSearchParams = Record<string, string | string[] | undefined>;

export function firstValues(params: PageSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== '') out[key] = first;
  }
  return out;
}
