// The HTTP status of each error code in Berth's result vocabulary (lib/auth/action-result.ts).
import type { ActionError } from '@/lib/auth/action-result';

const STATUS: Record<ActionError['code'], number> = {
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

export function resultStatus(code: ActionError['code']): number {
  return STATUS[code];
}
