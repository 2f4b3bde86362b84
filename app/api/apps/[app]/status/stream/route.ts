// One app's live status as Server-Sent Events (?env=stage&env=production, default: every
// environment of the app): the full status first, then each change.
import { decide } from '@/lib/auth/policy';
import { withUser } from '@/lib/auth/with-user';
import { appNameSchema, environmentNameSchema } from '@/lib/catalog/app-name';
import { getApp } from '@/lib/catalog/catalog-queries';
import { jsonError } from '@/lib/http/json-error';
import { statusEventStream } from '@/lib/kube/status-event-stream';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const name = appNameSchema.safeParse(params.app);
  if (!name.success) return jsonError(400, 'invalid-app-name', 'That is not an app name: lowercase letters, digits and dashes, at most 63 characters.', { requestId });
  const app = await getApp(name.data);
  if (!app) return jsonError(404, 'not-found', `There is no app called ${name.data}.`, { requestId });
  const decision = decide(user, 'app.view', { app });
  if (!decision.allowed) return jsonError(403, 'forbidden', decision.reason, { requestId });

  const asked = new URL(request.url).searchParams.getAll('env');
  const parsed = environmentNameSchema.array().safeParse(asked);
  if (!parsed.success) return jsonError(400, 'invalid-environment', 'Environments are stage and production: ?env=stage&env=production.', { requestId });
  const environments = parsed.data.length ? [...new Set(parsed.data)] : app.environments;
  const missing = environments.filter((env) => !app.environments.includes(env));
  if (missing.length) return jsonError(404, 'environment-not-found', `${app.name} does not run in ${missing.join(', ')}.`, { requestId });

  const stream = statusEventStream({ app: app.name, environments, signal: request.signal });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: keeps compression (and any proxy) from buffering the events.
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});
