// Open a production change request (the editor's "Request approval").
import { z } from 'zod';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { withUser } from '@/lib/auth/with-user';
import { changeStatusCode, requestChange } from '@/lib/changes/change-flows';
import { getChangeDeps } from '@/lib/changes/get-change-deps';
import { jsonError } from '@/lib/http/json-error';
import { readJsonBody } from '@/lib/http/read-json-body';

export const dynamic = 'force-dynamic';

const requestSchema = z.object({
  app: z.string().max(100),
  file: valuesFileNameSchema,
  text: z.string(),
  baseRevision: z.string().regex(/^[0-9a-f]{40}$/),
  message: z.string().max(2000).default(''),
});

export const POST = withUser(async (request, { user, requestId }) => {
  const body = await readJsonBody(request, requestSchema, MAX_VALUES_BYTES * 2 + 4096);
  if (!body.ok) return jsonError(body.status, body.status === 413 ? 'too-large' : 'invalid-request', body.message, { requestId });
  const result = await requestChange(await getChangeDeps(), user, body.data);
  return Response.json(result, { status: result.status === 'ok' ? 201 : changeStatusCode[result.status] });
});
