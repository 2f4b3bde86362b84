// One app's live status as Server-Sent Events (?env=stage&env=production, default: every
// environment of the app): the full status first, then each change.
import { withUser } from '@/lib/auth/with-user';
import { environmentNameSchema } from '@/lib/catalog/app-name';
import { viewApp } from '@/lib/catalog/view-app';
import { failureResponse, jsonError } from '@/lib/http/respond';
import { statusEventStream } from '@/lib/kube/status-event-stream';

export const dynamic = 'force-dynamic';

export const GET = withUser<{ app: string }>(async (request, { params, user, requestId }) => {
  const found = await viewApp(user, params.app);
  if (!found.ok) return failureResponse(found.error, requestId);
  const { app } = found.data;

  const asked = new URL(request.url).searchParams.getAll('env');
  const parsed = environmentNameSchema.array().safeParse(asked);
  if (!parsed.success) return jsonError('invalid', 'Environments are stage and production: ?env=stage&env=production.', { requestId });
  const environments = parsed.data.length ? [...new Set(parsed.data)] : app.environments;
  const missing = environments.filter((env) => !app.environments.includes(env));
  if (missing.length) return jsonError('not-found', `${app.name} does not run in ${missing.join(', ')}.`, { requestId });

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
