// The header badge: how many updates on my feedback I have not seen yet.
import { withUser } from '@/lib/auth/with-user';
import { countUnreadFeedbackUpdates } from '@/lib/feedback/my-feedback';
import { jsonData } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (_request, { user }) => {
  const count = await countUnreadFeedbackUpdates(user);
  return jsonData({ count });
});
