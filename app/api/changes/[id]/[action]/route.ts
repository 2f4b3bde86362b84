// Review actions on a change request over HTTP: approve (bound to the diff hash reviewed), reject,
// withdraw, comment — the same inputs and checks as the change page's server actions (each input
// parsed with the action's own schema, so callers get the field errors the page would show).
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { approveChange, commentOnChange, rejectChange, withdrawChange } from '@/lib/changes/change-flows';
import { approveChangeInput, changeIdSchema, commentOnChangeInput, rejectChangeInput, withdrawChangeInput } from '@/lib/changes/change-inputs';
import { readJsonBody } from '@/lib/http/read-json-body';
import { jsonError, respond } from '@/lib/http/respond';
import { parseInput } from '@/lib/result/result';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ id: changeIdSchema, action: z.enum(['approve', 'reject', 'withdraw', 'comment']) });

const bodySchema = z.object({ diffHash: z.string().optional(), comment: z.string().optional() });

export const POST = withUser<{ id: string; action: string }>(async (request, { params, user, requestId }) => {
  const path = paramsSchema.safeParse(params);
  if (!path.success) return jsonError('invalid', 'Unknown change request or action.', { requestId });
  const body = await readJsonBody(request, bodySchema, 16 * 1024);
  if (!body.ok) return respond(body, { requestId });
  const { id, action } = path.data;
  const { diffHash, comment } = body.data;
  switch (action) {
    case 'approve': {
      const input = parseInput(approveChangeInput, { id, diffHash, comment: comment || undefined });
      return respond(input.ok ? await approveChange(user, input.data) : input, { requestId });
    }
    case 'reject': {
      const input = parseInput(rejectChangeInput, { id, comment });
      return respond(input.ok ? await rejectChange(user, input.data) : input, { requestId });
    }
    case 'withdraw':
      return respond(await withdrawChange(user, withdrawChangeInput.parse({ id })), { requestId });
    case 'comment': {
      const input = parseInput(commentOnChangeInput, { id, body: comment });
      return respond(input.ok ? await commentOnChange(user, input.data) : input, { requestId });
    }
  }
});
