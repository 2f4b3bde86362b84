import { getCurrentUser } from '@/lib/auth/get-current-user';
import { logger } from '@/lib/logger/logger';
import { countUnseenBreakGlassNotices } from '@/lib/logs/break-glass-notices';
import { LogAccessBadge } from './log-access-badge';

/** The header's notice of break-glass reads on the person's team's apps. */
export async function LogAccessBadgeSlot() {
  const user = await getCurrentUser();
  if (!user || user.role === 'unlisted') return null;
  const count = await countUnseenBreakGlassNotices(user)
    // A database hiccup must not take the header (and with it every page) down.
    .catch((error: unknown) => {
      logger.error({ err: error }, 'log access badge: could not count notices');
      return 0;
    });
  return <LogAccessBadge initialCount={count} />;
}
