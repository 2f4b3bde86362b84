// A stand-in for IAP's key endpoint and token minting, for tests only: a real HTTP server on
// 127.0.0.1 serving a JWKS, and ES256 tokens shaped like IAP's.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export interface TestIap {
  jwksUrl: string;
  audience: string;
  /** A token IAP would send, with claims overridable per test. */
  token(claims?: Partial<JWTPayload> & { email?: string }, options?: { kid?: string; key?: CryptoKey; alg?: string }): Promise<string>;
  publicJwk: Record<string, unknown>;
  otherKey: CryptoKey;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startTestIap(audience = '/projects/123456789012/global/backendServices/4567890123456789'): Promise<TestIap> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const other = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
  let down = false;
  const server = http.createServer((req, res) => {
    if (down) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/iap/verify/public_key-jwk`,
    audience,
    publicJwk,
    otherKey: other.privateKey,
    setDown: (value) => {
      down = value;
    },
    async token(claims = {}, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const { email = 'ana.souza@meridiancare.example', ...rest } = claims;
      return new SignJWT({ email, hd: 'meridiancare.example', ...rest })
        .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? 'test-key-1' })
        .setIssuer(rest.iss ?? 'https://cloud.google.com/iap')
        .setAudience(rest.aud ?? audience)
        .setSubject(rest.sub ?? `accounts.google.com:${email}`)
        .setIssuedAt(rest.iat ?? now)
        .setExpirationTime(rest.exp ?? now + 600)
        .sign(options.key ?? privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A killed Berth's keep-alive sockets would otherwise hold close() until they time out.
        server.closeAllConnections();
      }),
  };
}
