// Break glass on an app's logs in one environment: { environment, reason, minutes } → the grant (201).
import { withUser } from '@/lib/auth/with-user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { getDb } from '@/lib/db/get-db';
import { bodyErrorResponse, readJsonBody } from '@/lib/http/read-json-body';
import { resultStatus } from '@/lib/http/result-status';
import { breakGlass, breakGlassInputSchema } from '@/lib/logs/break-glass';

export const dynamic = 'force-dynamic';

export const POST = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const body = await readJsonBody(request, breakGlassInputSchema, 8 * 1024);
  if (!body.ok) return bodyErrorResponse(body, requestId, 'reason');
  const result = await breakGlass({ db: await getDb(), catalog: await loadCatalog(), maxMinutes: getConfig().BREAK_GLASS_MAX_MINUTES }, user, params.app, body.data);
  if (!result.ok) return Response.json({ error: { ...result.error, requestId } }, { status: resultStatus(result.error.code), headers: { 'cache-control': 'no-store' } });
  return Response.json({ grant: result.data }, { status: 201, headers: { 'cache-control': 'no-store' } });
});
