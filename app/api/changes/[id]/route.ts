// One change request: read it (GET) or re-base / edit its proposal (PUT, the author only).
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { updateChangeRequest } from '@/lib/changes/change-flows';
import { changeIdSchema } from '@/lib/changes/change-inputs';
import { getChangeRequest } from '@/lib/changes/get-change-request';
import { readJsonBody } from '@/lib/http/read-json-body';
import { jsonError, respond } from '@/lib/http/respond';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { revisionSchema } from '@/lib/values-files/values-inputs';

export const dynamic = 'force-dynamic';

const updateBody = z.object({ text: z.string(), baseRevision: revisionSchema });

export const GET = withUser<{ id: string }>(async (_request, { params, user, requestId }) => {
  const id = changeIdSchema.safeParse(params.id);
  if (!id.success) return jsonError('invalid', 'That is not a change request number.', { requestId });
  return respond(await getChangeRequest(user, id.data), { requestId });
});

export const PUT = withUser<{ id: string }>(async (request, { params, user, requestId }) => {
  const id = changeIdSchema.safeParse(params.id);
  if (!id.success) return jsonError('invalid', 'That is not a change request number.', { requestId });
  const body = await readJsonBody(request, updateBody, MAX_VALUES_BYTES * 2 + 4096);
  if (!body.ok) return respond(body, { requestId });
  return respond(await updateChangeRequest(user, { id: id.data, ...body.data }), { requestId });
});
