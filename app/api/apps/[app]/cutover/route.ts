// An app's cutover ladder over HTTP: GET what the panel shows (Envoy's share now, the step under way
// with both sides' numbers, the step log); POST asks for a step — the same input and checks as the
// panel's form (lib/migration/cutover-inputs.ts).
import { withUser } from '@/lib/auth/with-user';
import { readJsonBody } from '@/lib/http/read-json-body';
import { respond } from '@/lib/http/respond';
import { requestStepInput } from '@/lib/migration/cutover-inputs';
import { requestStep } from '@/lib/migration/cutover-steps';
import { getCutoverView } from '@/lib/migration/cutover-view';
import { parseInput } from '@/lib/result/result';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (_request, { params, user, requestId }) => {
  return respond(await getCutoverView(user, { app: params.app }), { requestId });
});

const bodySchema = requestStepInput.omit({ app: true });

export const POST = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const body = await readJsonBody(request, bodySchema.partial().passthrough(), 16 * 1024);
  if (!body.ok) return respond(body, { requestId });
  const input = parseInput(requestStepInput, { ...body.data, app: params.app });
  if (!input.ok) return respond(input, { requestId });
  const result = await requestStep(user, input.data);
  return respond(result, { status: result.ok ? 201 : undefined, requestId });
});
