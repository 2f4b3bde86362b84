// The weekly activity report as CSV (same filters as /activity), for compliance's spreadsheet.
import { activityCsvName, activityToCsv } from '@/lib/activity/activity-csv';
import { getActivityReport } from '@/lib/activity/get-activity-report';
import { withUser } from '@/lib/auth/with-user';
import { failureResponse } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (request, { user, requestId }) => {
  const url = new URL(request.url);
  const report = await getActivityReport(user, Object.fromEntries(url.searchParams));
  if (!report.ok) return failureResponse(report.error, requestId);
  return new Response(activityToCsv(report.data, url.origin), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${activityCsvName(report.data)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
