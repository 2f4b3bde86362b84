import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIap, type TestIap } from '@/lib/testing/iap';
import { IapVerificationError, verifyIapJwt } from './verify-iap-jwt';

let iap: TestIap;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  iap = await startTestIap();
});
afterAll(() => iap.close());

const verify = (token: string | null, audience = iap.audience) => verifyIapJwt(token, { audience, jwksUrl: iap.jwksUrl });

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

describe('verifyIapJwt against a JWKS served over HTTP', () => {
  it('accepts a token IAP would send and returns the identity', async () => {
    const identity = await verify(await iap.token({ email: 'Ana.Souza@meridiancare.example' }));
    expect(identity).toEqual({ email: 'ana.souza@meridiancare.example', sub: 'accounts.google.com:Ana.Souza@meridiancare.example', hd: 'meridiancare.example' });
  });

  it('accepts clocks within the 30 s skew', async () => {
    await expect(verify(await iap.token({ exp: now() - 20, iat: now() - 500 }))).resolves.toBeTruthy();
    await expect(verify(await iap.token({ iat: now() + 20, exp: now() + 600 }))).resolves.toBeTruthy();
  });

  const cases: [string, () => Promise<string | null>][] = [
    ['a missing header', async () => null],
    ['a token signed with another key', async () => iap.token({}, { key: iap.otherKey })],
    ['an unknown kid', async () => iap.token({}, { kid: 'not-a-key' })],
    [
      'alg none',
      async () => `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ email: 'a@x', sub: 'x', iss: 'https://cloud.google.com/iap', aud: iap.audience, iat: now(), exp: now() + 60 }))}.`,
    ],
    [
      'HS256 signed with the public key as secret',
      async () => {
        const header = base64url(JSON.stringify({ alg: 'HS256', kid: 'test-key-1' }));
        const payload = base64url(JSON.stringify({ email: 'a@x', sub: 'x', iss: 'https://cloud.google.com/iap', aud: iap.audience, iat: now(), exp: now() + 60 }));
        const signature = createHmac('sha256', JSON.stringify(iap.publicJwk)).update(`${header}.${payload}`).digest('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['another backend service audience', async () => iap.token({ aud: '/projects/123456789012/global/backendServices/999' })],
    ['the App Engine audience form', async () => iap.token({ aud: '/projects/123456789012/apps/meridian-prod' })],
    ['a wrong issuer', async () => iap.token({ iss: 'https://accounts.google.com' })],
    ['expired more than 30 s ago', async () => iap.token({ iat: now() - 600, exp: now() - 40 })],
    ['issued more than 30 s in the future', async () => iap.token({ iat: now() + 60, exp: now() + 600 })],
    ['older than IAP tokens live', async () => iap.token({ iat: now() - 700, exp: now() + 60 })],
    ['a lifetime longer than IAP issues', async () => iap.token({ iat: now() - 10, exp: now() + 3600 })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(cases)('refuses %s', async (_name, makeToken) => {
    await expect(verify(await makeToken())).rejects.toBeInstanceOf(IapVerificationError);
  });

  it('fails closed when the keys cannot be fetched', async () => {
    const fresh = await startTestIap();
    const token = await fresh.token();
    fresh.setDown(true);
    await expect(verifyIapJwt(token, { audience: fresh.audience, jwksUrl: fresh.jwksUrl })).rejects.toBeInstanceOf(IapVerificationError);
    await fresh.close();
  });

  it('says nothing about the token in its public message', async () => {
    const error = await verify(await iap.token({}, { key: iap.otherKey })).catch((e: unknown) => e);
    expect((error as Error).message).toBe('Identity-Aware Proxy identity could not be verified.');
  });
});
