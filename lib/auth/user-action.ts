import 'server-only';
import type { z } from 'zod';
import { logger } from '@/lib/logger/logger';
import { fail, parseInput, type Result } from '@/lib/result/result';
import { getCurrentUser } from './get-current-user';
import type { BerthUser } from './user';

/**
 * The wrapper for every server action: parse the input with its schema (never trust the client),
 * require a verified person, and turn unexpected failures into a typed error instead of a stack.
 * The handler asks `decide()` for the resource it touches. Next itself checks the Origin of
 * server action posts against the host.
 */
export function userAction<S extends z.ZodType, T, D = unknown>(
  schema: S,
  handler: (input: z.infer<S>, user: BerthUser) => Promise<Result<T, D>>,
) {
  return async (raw: unknown): Promise<Result<T, D>> => {
    const user = await getCurrentUser();
    if (!user) return fail('unauthenticated', 'Sign in to Berth first.');
    if (user.role === 'unlisted') return fail('forbidden', `${user.email} is not in teams.yaml: ask the platform team to add you.`);
    const input = parseInput<z.infer<S>>(schema, raw);
    if (!input.ok) return input;
    try {
      return await handler(input.data, user);
    } catch (error) {
      logger.error({ err: error, user: user.email }, 'server action failed');
      return fail('internal', 'Something went wrong on our side; nothing was saved.');
    }
  };
}
