// One app from the catalog, as JSON (the app page's data for scripts and other tools).
import { withUser } from '@/lib/auth/with-user';
import { appNameSchema } from '@/lib/catalog/app-name';
import { getApp } from '@/lib/catalog/catalog-queries';
import { jsonError } from '@/lib/http/json-error';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (_request, { params, requestId }) => {
  const name = appNameSchema.safeParse(params.app);
  if (!name.success) return jsonError(400, 'invalid-app-name', 'That is not an app name: lowercase letters, digits and dashes, at most 63 characters.', { requestId });
  const app = await getApp(name.data);
  if (!app) return jsonError(404, 'not-found', `There is no app called ${name.data}.`, { requestId });
  return Response.json({ app });
});
