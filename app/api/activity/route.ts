// The weekly activity report of an environment as JSON (same filters as /activity), platform team only.
import { getActivityReport } from '@/lib/activity/get-activity-report';
import { withUser } from '@/lib/auth/with-user';
import { respond } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (request, { user, requestId }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return respond(await getActivityReport(user, params), { requestId });
});
