// Every app's verdict per environment (the apps list's dots), from the informer caches.
import { withUser } from '@/lib/auth/with-user';
import { getStatusSummary } from '@/lib/kube/get-status-summary';

export const dynamic = 'force-dynamic';

export const GET = withUser(async () => {
  const summary = await getStatusSummary();
  return Response.json(summary, { headers: { 'cache-control': 'no-store' } });
});
