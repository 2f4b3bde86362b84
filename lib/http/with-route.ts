import 'server-only';
import { RepositoryDamagedError } from '@/lib/gitops/repository-damaged-error';
import { trackRequest } from '@/lib/lifecycle/in-flight';
import { logger } from '@/lib/logger/logger';
import { jsonError } from './respond';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

export interface RouteContext<P> {
  requestId: string;
  log: typeof logger;
  params: P;
}

type NextRouteContext<P> = { params: Promise<P> };

/**
 * Every route handler goes through this: a request id, one structured access line, and an
 * unexpected error becomes a JSON 500 that names the request id instead of leaking a stack.
 */
export function withRoute<P = Record<string, never>>(
  handler: (request: Request, context: RouteContext<P>) => Promise<Response>,
) {
  return (request: Request, nextContext?: NextRouteContext<P>): Promise<Response> => trackRequest(() => handle(request, nextContext));

  async function handle(request: Request, nextContext?: NextRouteContext<P>): Promise<Response> {
    const requestId = requestIdFrom(request.headers);
    const log = logger.child({ requestId });
    const started = performance.now();
    let response: Response;
    try {
      const params = (await nextContext?.params) ?? ({} as P);
      response = await handler(request, { requestId, log, params });
    } catch (error) {
      if (error instanceof RepositoryDamagedError) {
        // Not a bug to quote: the repository needs repairing, and readiness says so too.
        log.error({ err: error }, 'the config repository cannot be read');
        response = jsonError('unavailable', `${error.message}. Nothing was read or changed.`, { requestId });
      } else {
        log.error({ err: error }, 'route handler failed');
        response = jsonError('internal', 'Something went wrong on our side. Quote this request id when reporting it.', {
          requestId,
        });
      }
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    log.info(
      { method: request.method, path: new URL(request.url).pathname, status: response.status, ms: Math.round(performance.now() - started) },
      'request',
    );
    return response;
  }
}
