import 'server-only';
// The wrapper of every log route handler: a signed-in person allowed to see the app ('app.view'),
// the request resolved to a LogQuery (refusals as JSON errors), the process's LogSource, and a
// log backend failure mapped to its status (503, 504, 403, 400) with a hint.
import { type UserRouteContext, withUser } from '@/lib/auth/with-user';
import { jsonError } from '@/lib/http/json-error';
import { getLogSource } from './get-log-source';
import { logErrorResponse } from './log-error-response';
import { isLogSourceError, type LogSource } from './log-source';
import { type LogRequest, resolveLogRequest, type ResolveLogRequestOptions } from './resolve-log-request';

export interface LogRouteContext extends UserRouteContext<{ app: string }> {
  logRequest: LogRequest;
  source: LogSource;
}

export function withLogRequest(
  handler: (request: Request, context: LogRouteContext) => Promise<Response>,
  options: Omit<ResolveLogRequestOptions, 'catalog' | 'now'> = {},
) {
  return withUser<{ app: string }>(async (request, context) => {
    const resolved = await resolveLogRequest(context.user, context.params.app, new URL(request.url).searchParams, options);
    if (!resolved.ok) {
      return jsonError(resolved.status, resolved.code, resolved.message, { requestId: context.requestId, details: resolved.details });
    }
    try {
      const source = await getLogSource();
      return await handler(request, { ...context, logRequest: resolved.request, source });
    } catch (error) {
      // The client went away mid-request (a new filter, another page): nobody reads this answer,
      // and the backend did not fail — whatever error the abort caused is not worth a warning.
      if (request.signal.aborted) {
        context.log.debug({ err: error }, 'client left before the logs were read');
        return new Response(null, { status: 499 });
      }
      if (isLogSourceError(error)) {
        const { query } = resolved.request;
        context.log.warn({ kind: error.kind, app: query.app, environment: query.environment, err: error }, 'log backend failed');
        return logErrorResponse(error, context.requestId);
      }
      throw error;
    }
  });
}
