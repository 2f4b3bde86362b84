// The header badge: how many break-glass reads of my team's apps I have not seen yet.
import { withUser } from '@/lib/auth/with-user';
import { jsonData } from '@/lib/http/respond';
import { countUnseenBreakGlassNotices } from '@/lib/logs/break-glass-notices';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (_request, { user }) => {
  const count = await countUnseenBreakGlassNotices(user);
  return jsonData({ count });
});
