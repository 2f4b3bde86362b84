// A values file of an app: read it (GET) or save it (PUT) through the same checks as the editor.
import { z } from 'zod';
import { MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { configuredRemote, saveStatusCode, saveValues } from '@/lib/values-files/save-values';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { valuesFileNameSchema } from '@/lib/values-files/values-file';
import { withUser } from '@/lib/auth/with-user';
import { appNameSchema } from '@/lib/catalog/app-name';
import { getApp } from '@/lib/catalog/catalog-queries';
import { getConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { jsonError } from '@/lib/http/json-error';
import { readJsonBody } from '@/lib/http/read-json-body';
import { valuesFileTarget } from '@/lib/values-files/values-file';

export const dynamic = 'force-dynamic';

const paramsSchema = z.object({ app: appNameSchema, file: valuesFileNameSchema });

const saveSchema = z.object({
  text: z.string(),
  baseRevision: z.string().regex(/^[0-9a-f]{40}$/, 'a full commit id'),
  message: z.string().max(2000).default(''),
});

export const GET = withUser<{ app: string; file: string }>(async (_request, { params, requestId }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return jsonError(400, 'invalid-path', 'Name an app and one of values.yaml, values-stage.yaml, values-production.yaml.', { requestId });
  const app = await getApp(parsed.data.app);
  const target = app && valuesFileTarget(app, parsed.data.file);
  if (!target) return jsonError(404, 'not-found', 'There is no such values file.', { requestId });
  const repo = getConfigRepo();
  await refreshFromRemote(repo, configuredRemote());
  const revision = await headRevision(repo);
  return Response.json({ app: app.name, file: target.path, revision, text: (await readFile(repo, target.path, revision)) ?? '' });
});

export const PUT = withUser<{ app: string; file: string }>(async (request, { params, user, requestId }) => {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return jsonError(400, 'invalid-path', 'Name an app and one of values.yaml, values-stage.yaml, values-production.yaml.', { requestId });
  // JSON escaping can double a file's size; the file itself is checked against the exact limit.
  const body = await readJsonBody(request, saveSchema, MAX_VALUES_BYTES * 2 + 4096);
  if (!body.ok) return jsonError(body.status, body.status === 413 ? 'too-large' : 'invalid-request', body.message, { requestId, details: body.issues });
  const result = await saveValues(user, { app: parsed.data.app, file: parsed.data.file, ...body.data });
  return Response.json(result, { status: saveStatusCode[result.status] });
});
