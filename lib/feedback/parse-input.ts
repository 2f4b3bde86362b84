import type { z } from 'zod';
import { type ActionResult, actionError, actionOk } from '@/lib/auth/action-result';
import { fieldErrorsOf } from './schemas';

/**
 * Data functions parse their input again even behind a server action: they are also called by
 * route handlers and tests, and the schema is the only guarantee about what reaches the database.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): ActionResult<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return actionOk(parsed.data);
  return actionError('invalid', 'Some fields need attention.', { fieldErrors: fieldErrorsOf(parsed.error) });
}
