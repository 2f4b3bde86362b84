// One app's status in one environment (?env=stage), from the informer caches.
import { withUser } from '@/lib/auth/with-user';
import { environmentNameSchema } from '@/lib/catalog/app-name';
import { jsonError, respond } from '@/lib/http/respond';
import { getAppStatus } from '@/lib/kube/get-app-status';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const env = environmentNameSchema.safeParse(new URL(request.url).searchParams.get('env') ?? undefined);
  if (!env.success) return jsonError('invalid', 'Name the environment: ?env=stage or ?env=production.', { requestId });
  return respond(await getAppStatus(user, params.app, env.data), { requestId });
});
