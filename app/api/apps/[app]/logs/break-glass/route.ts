// Break glass on an app's logs in one environment: { environment, reason, minutes } → the grant (201).
import { withUser } from '@/lib/auth/with-user';
import { readJsonBody } from '@/lib/http/read-json-body';
import { respond } from '@/lib/http/respond';
import { breakGlass, breakGlassInputSchema } from '@/lib/logs/break-glass';
import { ok } from '@/lib/result/result';

export const dynamic = 'force-dynamic';

export const POST = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const body = await readJsonBody(request, breakGlassInputSchema, 8 * 1024);
  if (!body.ok) return respond(body, { requestId });
  const result = await breakGlass(user, params.app, body.data);
  return respond(result.ok ? ok({ grant: result.data }) : result, { status: 201, requestId });
});
