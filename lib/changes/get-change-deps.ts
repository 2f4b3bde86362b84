import 'server-only';
import { getDb } from '@/lib/db/get-db';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import type { ChangeDeps } from './change-flows';

export async function getChangeDeps(): Promise<ChangeDeps> {
  return { db: await getDb(), repo: getConfigRepo() };
}
