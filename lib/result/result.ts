// The one result vocabulary of Berth. Every data function that can be refused, every server action
// and every route handler answers with a Result; a failure carries one of nine codes, a message
// for the person, and details (validation problems, a conflict) for the UI to place. Runs in the
// browser too: the client reads route answers into the same type (components/data/fetch-json.ts).

export const ERROR_CODES = [
  'unauthenticated',
  'forbidden',
  'invalid',
  'not-found',
  'conflict',
  'too-large',
  'rate-limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Failure<D = unknown> {
  code: ErrorCode;
  /** Plain words for the person, shown as they are. */
  message: string;
  /** What the UI needs to place the failure: validation problems, the newer version, a hint. */
  details?: D;
  /** Form input that failed its schema, by field. */
  fieldErrors?: Record<string, string[]>;
  /** Set by route handlers, so a person can quote it when reporting a failure. */
  requestId?: string;
}

export type Result<T, D = unknown> = { ok: true; data: T } | { ok: false; error: Failure<D> };

export function ok<T>(data: T): { ok: true; data: T } {
  return { ok: true, data };
}

export function fail<D = never>(code: ErrorCode, message: string, extra: { details?: D; fieldErrors?: Record<string, string[]> } = {}): { ok: false; error: Failure<D> } {
  const error: Failure<D> = { code, message };
  if (extra.details !== undefined) error.details = extra.details;
  if (extra.fieldErrors !== undefined) error.fieldErrors = extra.fieldErrors;
  return { ok: false, error };
}

/** Schema issues (zod's, say) as field errors keyed by dotted path; "form" for the input as a whole. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[issue.path.map(String).join('.') || 'form'] ??= []).push(issue.message);
  return fieldErrors;
}

/** Anything with zod's safeParse: input is parsed at every boundary, refusals say which field. */
export interface InputSchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export function parseInput<T>(schema: InputSchema<T>, input: unknown): Result<T, never> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const fieldErrors = fieldErrorsOf(parsed.error.issues);
  // One thing wrong: say it (an API caller sees no form); several: each is shown at its field.
  const messages = Object.values(fieldErrors).flat();
  return fail('invalid', messages.length === 1 ? messages[0] : 'Some fields need attention.', { fieldErrors });
}

/** The one map from a failure to an HTTP status (route handlers and the browser agree on it). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** The code for an HTTP status that came without Berth's error body (a proxy, a load balancer). */
export function codeForHttpStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status >= 400 && status < 500) return 'invalid';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}
