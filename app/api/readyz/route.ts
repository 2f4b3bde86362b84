// Readiness: every dependency Berth needs to serve a request, each with its own status.
import { withRoute } from '@/lib/http/with-route';
import { checkReadiness } from '@/lib/health/check-readiness';

export const dynamic = 'force-dynamic';

export const GET = withRoute(async () => {
  const report = await checkReadiness();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
