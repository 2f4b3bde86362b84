import 'server-only';
import { type Failure, fail } from '@/lib/result/result';
import { RepositoryLockedError } from './atomic-files';
import { UnknownRevisionError } from './commit-change';
import { RepositoryDamagedError } from './repository-damaged-error';

/**
 * Why commitChange could not commit, as the refusal every writer of the config repository gives
 * the person (values, migration.yaml, merges): null for an error no one expected — rethrow it.
 */
export function commitRefusal(error: unknown): { ok: false; error: Failure<never> } | null {
  if (error instanceof UnknownRevisionError) return fail('invalid', error.message);
  if (error instanceof RepositoryDamagedError) return fail('unavailable', `${error.message}. Nothing was saved; the platform team has to repair it.`);
  if (error instanceof RepositoryLockedError) return fail('unavailable', `${error.message} Nothing was saved.`);
  return null;
}
