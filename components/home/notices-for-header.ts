import 'server-only';
import { getCurrentUser } from '@/lib/auth/get-current-user';
import { getNotices } from '@/lib/home/get-notices';
import { logger } from '@/lib/logger/logger';
import type { Notices } from './notices-query';

/** The header's notices for whoever asks (null: signed out or not in teams.yaml). */
export async function noticesForHeader(): Promise<Notices | null> {
  const user = await getCurrentUser();
  if (!user || user.role === 'unlisted') return null;
  // A database hiccup must not take the header (and with it every page) down.
  return getNotices(user).catch((error: unknown) => {
    logger.error({ err: error }, 'header notices: could not read change requests');
    return { reviewsWaiting: 0, decisions: [] };
  });
}
