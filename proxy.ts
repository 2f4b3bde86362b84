// Runs before every request (Node runtime): gives it a request id and its security headers (a
// fresh script nonce in the Content-Security-Policy, which Next reads from the request and puts on
// its own scripts) and, behind IAP, refuses any request without a valid IAP identity early. This
// is a first gate only — every page, route handler and server action asks lib/auth again
// (CVE-2025-29927 showed why).
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig } from '@/lib/config/get-config';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/http/request-id';
import { newNonce, securityHeaders, servedOverHttps } from '@/lib/http/security-headers';
import { IAP_HEADER, IapVerificationError, verifyIapJwt } from '@/lib/auth/verify-iap-jwt';
import { isShuttingDown } from '@/lib/lifecycle/shutdown';

// Kubelet probes and load-balancer health checks carry no identity.
const EXEMPT = new Set(['/api/healthz', '/api/readyz']);

export async function proxy(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  const settings = getConfig();
  const secure = securityHeaders({ nonce: newNonce(), development: settings.NODE_ENV === 'development', https: servedOverHttps(request.headers, request.nextUrl) });
  const answer = (response: NextResponse) => {
    for (const [name, value] of Object.entries(secure)) response.headers.set(name, value);
    return response;
  };
  // Shutting down: the load balancer sees readyz fail and sends new requests to another replica.
  if (isShuttingDown() && request.nextUrl.pathname !== '/api/healthz') {
    return answer(
      NextResponse.json(
        { error: { code: 'shutting-down', message: 'This Berth replica is restarting; try again in a moment.', requestId } },
        { status: 503, headers: { 'retry-after': '2', 'cache-control': 'no-store', [REQUEST_ID_HEADER]: requestId } },
      ),
    );
  }
  if (settings.AUTH_MODE === 'iap' && !EXEMPT.has(request.nextUrl.pathname)) {
    try {
      await verifyIapJwt(request.headers.get(IAP_HEADER), { audience: settings.IAP_AUDIENCE ?? '', jwksUrl: settings.IAP_JWKS_URL });
    } catch (error) {
      if (!(error instanceof IapVerificationError)) throw error;
      return answer(
        NextResponse.json(
          { error: { code: 'unauthenticated', message: 'Berth could not verify your Identity-Aware Proxy identity.', requestId } },
          { status: 401, headers: { 'cache-control': 'no-store', [REQUEST_ID_HEADER]: requestId } },
        ),
      );
    }
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_ID_HEADER, requestId);
  // Next takes the nonce from the policy on the request when it renders the page.
  headers.set('content-security-policy', secure['content-security-policy']);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return answer(response);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
