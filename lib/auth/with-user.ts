import 'server-only';
import { jsonError } from '@/lib/http/respond';
import { type RouteContext, withRoute } from '@/lib/http/with-route';
import { isSameOrigin } from './check-origin';
import { getCurrentUser } from './get-current-user';
import type { BerthUser } from './user';

export interface UserRouteContext<P> extends RouteContext<P> {
  user: BerthUser;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The wrapper for every route handler that needs a person: 401 without a verified identity,
 * 403 for someone not in teams.yaml and for a state change from a foreign origin. The handler asks `decide()` for the resource it
 * touches (the resource is only known once the request is parsed).
 */
export function withUser<P = Record<string, never>>(
  handler: (request: Request, context: UserRouteContext<P>) => Promise<Response>,
) {
  return withRoute<P>(async (request, context) => {
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      return jsonError('forbidden', 'This request did not come from Berth (its Origin is another site).', { requestId: context.requestId });
    }
    const user = await getCurrentUser(request.headers);
    if (!user) return jsonError('unauthenticated', 'Sign in to Berth first.', { requestId: context.requestId });
    if (user.role === 'unlisted') {
      return jsonError('forbidden', `${user.email} is not in teams.yaml: ask the platform team to add you.`, { requestId: context.requestId });
    }
    return handler(request, { ...context, user });
  });
}
