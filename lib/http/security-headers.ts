// The headers a healthcare app owes on every answer (issue 19, item 6). Pure: proxy.ts applies
// them to pages and routes, next.config.js the static ones to built assets; tested directly.

export interface SecurityHeaderOptions {
  /** This request's script nonce (pages); Next puts it on its own inline and chunk scripts. */
  nonce: string;
  /** `next dev`: fast refresh talks over a websocket. */
  development: boolean;
  /** Served over https (IAP and the load balancer say so in x-forwarded-proto). */
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development }: Pick<SecurityHeaderOptions, 'nonce' | 'development'>): string {
  return [
    "default-src 'self'",
    // Only scripts carrying this request's nonce, and what they load ('strict-dynamic': Next's
    // chunks). 'self' is ignored by browsers that know strict-dynamic and kept for those that do not.
    // 'unsafe-eval': the values editor checks the chart's JSON schema as one types with Ajv, which
    // compiles each schema into a function (new Function). No script runs without the nonce; eval
    // only lets those scripts build code. An interpreting validator in the browser would let this
    // go (and `next dev` needs it anyway for React's development build).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    // Styles: 'unsafe-inline' because CodeMirror (the values editor) writes <style> elements at run
    // time and React and Shiki's highlighting set style attributes. A nonce here would make browsers
    // ignore 'unsafe-inline'. Injected CSS cannot run script, and what it could fetch to leak data
    // is held to this origin by img-src, font-src and connect-src.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // fetch and Server-Sent Events (status, logs) go to Berth only; dev adds the HMR websocket.
    `connect-src 'self'${development ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join('; ');
}

/** Headers for every answer Berth gives (pages, routes, refusals). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(options),
    // Older browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Paths and queries (a patient id in a log filter) never leave for another site; same-origin
    // requests keep their Origin and Referer (server actions check the Origin).
    'referrer-policy': 'same-origin',
    'permissions-policy': PERMISSIONS_POLICY,
    'cross-origin-opener-policy': 'same-origin',
    // Only over https: a browser ignores HSTS on http, and the sandbox and tests are plain http.
    ...(options.https ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Berth uses none of these powerful features; nothing embedded may either. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
].join(', ');

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** IAP and Google's load balancer terminate TLS and say so in x-forwarded-proto. */
export function servedOverHttps(headers: Headers, url: URL): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded ? forwarded === 'https' : url.protocol === 'https:';
}
