// One app's status in one environment (?env=stage), from the informer caches.
import { z } from 'zod';
import { decide } from '@/lib/auth/policy';
import { withUser } from '@/lib/auth/with-user';
import { appNameSchema, environmentNameSchema } from '@/lib/catalog/app-name';
import { getApp } from '@/lib/catalog/catalog-queries';
import { jsonError } from '@/lib/http/json-error';
import { getAppStatus } from '@/lib/kube/get-app-status';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ env: environmentNameSchema });

export const GET = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const name = appNameSchema.safeParse(params.app);
  if (!name.success) return jsonError(400, 'invalid-app-name', 'That is not an app name: lowercase letters, digits and dashes, at most 63 characters.', { requestId });
  const query = querySchema.safeParse({ env: new URL(request.url).searchParams.get('env') ?? undefined });
  if (!query.success) return jsonError(400, 'invalid-environment', 'Name the environment: ?env=stage or ?env=production.', { requestId });
  const app = await getApp(name.data);
  if (!app) return jsonError(404, 'not-found', `There is no app called ${name.data}.`, { requestId });
  const decision = decide(user, 'app.view', { app });
  if (!decision.allowed) return jsonError(403, 'forbidden', decision.reason, { requestId });

  const result = await getAppStatus(app.name, query.data.env);
  if (!result.ok) return jsonError(404, result.code, result.message, { requestId });
  return Response.json(result.status, { headers: { 'cache-control': 'no-store' } });
});
