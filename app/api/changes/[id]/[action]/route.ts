// Review actions on a change request: approve (bound to the diff hash reviewed), reject, withdraw, comment.
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { approveChange, changeStatusCode, commentOnChange, rejectChange, withdrawChange } from '@/lib/changes/change-flows';
import { getChangeDeps } from '@/lib/changes/get-change-deps';
import { jsonError } from '@/lib/http/json-error';
import { readJsonBody } from '@/lib/http/read-json-body';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({
  id: z.coerce.number().int().positive().max(2 ** 31),
  action: z.enum(['approve', 'reject', 'withdraw', 'comment']),
});

const bodySchema = z.object({
  diffHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  comment: z.string().trim().max(5000).optional(),
});

export const POST = withUser<{ id: string; action: string }>(async (request, { params, user, requestId }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return jsonError(400, 'invalid-path', 'Unknown change request or action.', { requestId });
  const body = await readJsonBody(request, bodySchema, 16 * 1024);
  if (!body.ok) return jsonError(body.status, 'invalid-request', body.message, { requestId });
  const { id, action } = parsed.data;
  const { diffHash, comment } = body.data;
  const deps = await getChangeDeps();
  let result;
  switch (action) {
    case 'approve':
      if (!diffHash) return jsonError(400, 'invalid-request', 'Say which diff you reviewed (diffHash).', { requestId });
      result = await approveChange(deps, user, { id, diffHash, comment });
      break;
    case 'reject':
      if (!comment) return jsonError(400, 'invalid-request', 'Say why you reject it: the author reads this.', { requestId });
      result = await rejectChange(deps, user, { id, comment });
      break;
    case 'withdraw':
      result = await withdrawChange(deps, user, { id });
      break;
    case 'comment':
      if (!comment) return jsonError(400, 'invalid-request', 'A comment cannot be empty.', { requestId });
      result = await commentOnChange(deps, user, { id, body: comment });
      break;
  }
  return Response.json(result, { status: changeStatusCode[result.status] });
});
