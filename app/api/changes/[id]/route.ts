// One change request: read it (GET) or re-base / edit its proposal (PUT, the author only).
import { z } from 'zod';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { withUser } from '@/lib/auth/with-user';
import { changeStatusCode, updateChangeRequest } from '@/lib/changes/change-flows';
import { findChangeRequest, listChangeEvents } from '@/lib/changes/change-repository';
import { getChangeDeps } from '@/lib/changes/get-change-deps';
import { jsonError } from '@/lib/http/json-error';
import { readJsonBody } from '@/lib/http/read-json-body';

export const dynamic = 'force-dynamic';

const idSchema = z.coerce.number().int().positive().max(2 ** 31);
const updateSchema = z.object({ text: z.string(), baseRevision: z.string().regex(/^[0-9a-f]{40}$/) });

export const GET = withUser<{ id: string }>(async (_request, { params, requestId }) => {
  const id = idSchema.safeParse(params.id);
  if (!id.success) return jsonError(400, 'invalid-id', 'That is not a change request number.', { requestId });
  const { db } = await getChangeDeps();
  const change = await findChangeRequest(db, id.data);
  if (!change) return jsonError(404, 'not-found', 'There is no such change request.', { requestId });
  return Response.json({ change, events: await listChangeEvents(db, id.data) });
});

export const PUT = withUser<{ id: string }>(async (request, { params, user, requestId }) => {
  const id = idSchema.safeParse(params.id);
  if (!id.success) return jsonError(400, 'invalid-id', 'That is not a change request number.', { requestId });
  const body = await readJsonBody(request, updateSchema, MAX_VALUES_BYTES * 2 + 4096);
  if (!body.ok) return jsonError(body.status, body.status === 413 ? 'too-large' : 'invalid-request', body.message, { requestId });
  const result = await updateChangeRequest(await getChangeDeps(), user, { id: id.data, ...body.data });
  return Response.json(result, { status: changeStatusCode[result.status] });
});
