// Every app's verdict per environment (the apps list's dots), from the informer caches.
import { withUser } from '@/lib/auth/with-user';
import { jsonData } from '@/lib/http/respond';
import { getStatusSummary } from '@/lib/kube/get-status-summary';

export const dynamic = 'force-dynamic';

export const GET = withUser(async (_request, { user }) => {
  return jsonData(await getStatusSummary(user));
});
