// Open a production change request (scripts and other tools; the editor uses the server action).
import { withUser } from '@/lib/auth/with-user';
import { requestChange } from '@/lib/changes/change-flows';
import { requestChangeInput } from '@/lib/changes/change-inputs';
import { readJsonBody } from '@/lib/http/read-json-body';
import { respond } from '@/lib/http/respond';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';

export const dynamic = 'force-dynamic';

// JSON escaping can double a file's size; the file itself is checked against the exact limit.
const MAX_BODY_BYTES = MAX_VALUES_BYTES * 2 + 4096;

export const POST = withUser(async (request, { user, requestId }) => {
  const body = await readJsonBody(request, requestChangeInput, MAX_BODY_BYTES);
  if (!body.ok) return respond(body, { requestId });
  return respond(await requestChange(user, body.data), { status: 201, requestId });
});
