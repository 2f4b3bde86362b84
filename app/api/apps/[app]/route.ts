// One app from the catalog, as JSON (the app page's data for scripts and other tools).
import { withUser } from '@/lib/auth/with-user';
import { viewApp } from '@/lib/catalog/view-app';
import { respond } from '@/lib/http/respond';
import { ok } from '@/lib/result/result';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (_request, { params, user, requestId }) => {
  const found = await viewApp(user, params.app);
  return respond(found.ok ? ok({ app: found.data.app }) : found, { requestId });
});
