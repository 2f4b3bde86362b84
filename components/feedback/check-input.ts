// The feedback forms check input with the server's own schemas before sending, so errors show at
// the field without a round trip. The schemas (and zod with them, ~30 kB) load on first use, not
// with the page: most visits never send a form.
import type { ZodError } from 'zod';
import { fieldErrorsOf } from '@/lib/result/result';

type FeedbackSchemas = typeof import('@/lib/feedback/schemas');
interface InputSchema {
  safeParse(input: unknown): { success: true } | { success: false; error: ZodError };
}

export const loadFeedbackSchemas = (): Promise<FeedbackSchemas> => import('@/lib/feedback/schemas');

/** The field errors `input` has under the schema `pick` chooses, or null when it is valid. */
export async function fieldErrorsFor(pick: (schemas: FeedbackSchemas) => InputSchema, input: unknown): Promise<Record<string, string[]> | null> {
  const schemas = await loadFeedbackSchemas();
  const parsed = pick(schemas).safeParse(input);
  return parsed.success ? null : fieldErrorsOf(parsed.error.issues);
}
