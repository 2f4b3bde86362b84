// Liveness: the process is up and answering. Exempt from sign-in (GKE and IAP health checks carry no identity).
import { withRoute } from '@/lib/http/with-route';

export const dynamic = 'force-dynamic';

export const GET = withRoute(async () =>
  Response.json({ status: 'ok', checks: { process: { status: 'ok', uptimeSeconds: Math.round(process.uptime()) } } }, { headers: { 'cache-control': 'no-store' } }),
);
