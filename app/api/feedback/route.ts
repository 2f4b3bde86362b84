// File feedback over HTTP (scripts, other tools): the same checks as the form, including the rate limit.
import { withUser } from '@/lib/auth/with-user';
import { getDb } from '@/lib/db/get-db';
import { createFeedback } from '@/lib/feedback/create-feedback';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { jsonError } from '@/lib/http/json-error';
import { readJsonBody } from '@/lib/http/read-json-body';
import { resultStatus } from '@/lib/http/result-status';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

export const POST = withUser(async (request, { user, requestId }) => {
  // The domain schema validates the fields; this only bounds the body.
  const body = await readJsonBody(request, z.unknown(), 64 * 1024);
  if (!body.ok) return jsonError(body.status, 'invalid-request', body.message, { requestId });
  const result = await createFeedback(await getDb(), user, body.data, await loadFeedbackCatalog());
  if (result.ok) return Response.json(result.data, { status: 201 });
  return Response.json({ error: result.error }, { status: resultStatus(result.error.code) });
});
