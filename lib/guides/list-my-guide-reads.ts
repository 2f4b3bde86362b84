import 'server-only';

import type { BerthUser } from '@/lib/auth/user';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { logger } from '@/lib/logger/logger';

import { listGuideReadsOf } from './reading-progress';

/**
 * The guides the signed-in person has read (slug → when), or null when the database cannot be
 * reached: the guides stay readable and the page says progress is unavailable.
 */
export async function listMyGuideReads(user: BerthUser, deps: { db?: BerthDb } = {}): Promise<Map<string, string> | null> {
  try {
    return await listGuideReadsOf(deps.db ?? (await getDb()), user.email);
  } catch (error) {
    logger.error({ err: error }, 'reading progress unavailable');
    return null;
  }
}
