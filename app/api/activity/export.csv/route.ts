// The weekly activity report as CSV (same filters as /activity), for compliance's spreadsheet.
import { activityCsvName, activityToCsv } from '@/lib/activity/activity-csv';
import { getActivityReport } from '@/lib/activity/get-activity-report';
import { withUser } from '@/lib/auth/with-user';
import { csvDownload, failureResponse } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (request, { user, requestId }) => {
  const url = new URL(request.url);
  const report = await getActivityReport(user, Object.fromEntries(url.searchParams));
  if (!report.ok) return failureResponse(report.error, requestId);
  return csvDownload(activityToCsv(report.data, url.origin), activityCsvName(report.data));
});
