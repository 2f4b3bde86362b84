// A values file of an app: read it (GET) or save it (PUT) through the same checks as the editor.
import { z } from 'zod';
import { withUser } from '@/lib/auth/with-user';
import { readJsonBody } from '@/lib/http/read-json-body';
import { jsonError, respond } from '@/lib/http/respond';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { readValuesFile } from '@/lib/values-files/read-values-file';
import { saveValues } from '@/lib/values-files/save-values';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { saveValuesInput } from '@/lib/values-files/values-inputs';

export const dynamic = 'force-dynamic';

const FILE_HINT = 'Name one of values.yaml, values-stage.yaml, values-production.yaml.';
const saveBody = saveValuesInput.pick({ text: true, baseRevision: true, message: true });
const fileSchema = z.object({ file: valuesFileNameSchema });

export const GET = withUser<{ app: string; file: string }>(async (_request, { params, user, requestId }) => {
  const file = fileSchema.safeParse(params);
  if (!file.success) return jsonError('invalid', FILE_HINT, { requestId });
  return respond(await readValuesFile(user, params.app, file.data.file), { requestId });
});

export const PUT = withUser<{ app: string; file: string }>(async (request, { params, user, requestId }) => {
  const file = fileSchema.safeParse(params);
  if (!file.success) return jsonError('invalid', FILE_HINT, { requestId });
  // JSON escaping can double a file's size; the file itself is checked against the exact limit.
  const body = await readJsonBody(request, saveBody, MAX_VALUES_BYTES * 2 + 4096);
  if (!body.ok) return respond(body, { requestId });
  const result = await saveValues(user, { app: params.app, file: file.data.file, ...body.data });
  return respond(result, { status: result.ok && result.data.status === 'committed' ? 201 : 200, requestId });
});
