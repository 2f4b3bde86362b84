// "Show unmasked" with a reason: { environment, reason, scope: 'page' } → a grant the reads name
// (?unmask=<id>) for 15 minutes; { …, scope: 'line', line } → that line, unmasked. Both recorded.
import { withUser } from '@/lib/auth/with-user';
import { readJsonBody } from '@/lib/http/read-json-body';
import { respond } from '@/lib/http/respond';
import { unmaskInputSchema, unmaskLogs } from '@/lib/logs/unmask-logs';

export const dynamic = 'force-dynamic';

export const POST = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const body = await readJsonBody(request, unmaskInputSchema, 8 * 1024);
  if (!body.ok) return respond(body, { requestId });
  const result = await unmaskLogs(user, params.app, body.data);
  return respond(result, { status: result.ok && result.data.scope === 'page' ? 201 : 200, requestId });
});
