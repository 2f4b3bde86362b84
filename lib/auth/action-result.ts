// What every server action returns: the UI shows `error.message` where it belongs (a field, a YAML line).
export type ActionError = {
  code: 'unauthenticated' | 'forbidden' | 'invalid' | 'not-found' | 'conflict' | 'too-large' | 'rate-limited' | 'unavailable' | 'internal';
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: unknown;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export const actionOk = <T>(data: T): ActionResult<T> => ({ ok: true, data });
export const actionError = (code: ActionError['code'], message: string, extra: Partial<ActionError> = {}): ActionResult<never> => ({
  ok: false,
  error: { code, message, ...extra },
});
