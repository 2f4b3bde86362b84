// File feedback over HTTP (scripts, other tools): the same checks as the form, including the rate limit.
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { createFeedback } from '@/lib/feedback/create-feedback';
import { readJsonBody } from '@/lib/http/read-json-body';
import { respond } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export const POST = withUser(async (request, { user, requestId }) => {
  // The domain schema validates the fields; this only bounds the body.
  const body = await readJsonBody(request, z.unknown(), 64 * 1024);
  if (!body.ok) return respond(body, { requestId });
  return respond(await createFeedback(user, body.data), { status: 201, requestId });
});
