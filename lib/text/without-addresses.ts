// Error text shown to people never carries the address of what failed: a cluster's API server, the
// log backend, a database (an internal IP and port is reconnaissance for anyone who can read the
// page — and /api/readyz answers without an identity). Berth's own log keeps the full error.
// Applied where errors leave a domain for the user: cluster states, log failures, readiness.
// Pure; runs in the browser too.

const HIDDEN = '[address hidden]';

const PATTERNS: RegExp[] = [
  // URLs with any scheme: http://10.0.0.1:6443/api/…, https://container.googleapis.com/…, dns:///x
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>`)\]]*/gi,
  // IPv6, bracketed or with "::" (connect ECONNREFUSED ::1:443, [fe80::1]:6443)
  /\[[0-9a-f:.]+\](?::\d+)?/gi,
  /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4})*::[0-9a-f:.]*(?::\d+)?(?![\w:])/gi,
  // IPv4 with or without a port: 127.0.0.1:39831, 10.3.0.12
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g,
  // host:port, dotted or a single label: kubernetes.default.svc:443, localhost:6443
  /\b(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*:\d{2,5}\b/gi,
  // Names Node could not resolve: getaddrinfo ENOTFOUND gke-prod.internal.example
  /(?<=\b(?:ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNREFUSED|ECONNRESET|ETIMEDOUT)\s)(?!\[address hidden\])[^\s,;)]+/g,
];

export function withoutAddresses(text: string): string {
  let out = text;
  for (const pattern of PATTERNS) out = out.replace(pattern, HIDDEN);
  // Adjacent hidden parts (a host then its port) read as one.
  return out.replace(/(?:\[address hidden\][:/]?){2,}/g, HIDDEN);
}
