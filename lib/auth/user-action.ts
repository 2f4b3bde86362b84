import 'server-only';
import type { z } from 'zod';
import { logger } from '@/lib/logger/logger';
import { type ActionResult, actionError } from './action-result';
import { getCurrentUser } from './get-current-user';
import type { BerthUser } from './user';

/**
 * The wrapper for every server action: parse the input with its schema (never trust the client),
 * require a verified person, and turn unexpected failures into a typed error instead of a stack.
 * Next itself checks the Origin of server action posts against the host.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, user: BerthUser) => Promise<ActionResult<T>>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const user = await getCurrentUser();
    if (!user) return actionError('unauthenticated', 'Sign in to Berth first.');
    if (user.role === 'unlisted') return actionError('forbidden', `${user.email} is not in teams.yaml: ask the platform team to add you.`);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || 'form'] ??= []).push(issue.message);
      return actionError('invalid', 'Some fields need attention.', { fieldErrors });
    }
    try {
      return await handler(parsed.data, user);
    } catch (error) {
      logger.error({ err: error, user: user.email }, 'server action failed');
      return actionError('internal', 'Something went wrong on our side; nothing was saved.');
    }
  };
}
