import 'server-only';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export const IAP_ISSUER = 'https://cloud.google.com/iap';
export const IAP_HEADER = 'x-goog-iap-jwt-assertion';

export interface IapIdentity {
  email: string;
  /** IAP's stable user id (accounts.google.com:…). */
  sub: string;
  hd?: string;
}

export class IapVerificationError extends Error {
  constructor(readonly reason: string) {
    super('Identity-Aware Proxy identity could not be verified.');
    this.name = 'IapVerificationError';
  }
}

const keySets = new Map<string, JWTVerifyGetKey>();

function keySet(jwksUrl: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUrl);
  if (!keys) {
    // jose caches the key set (10 min) and refetches on an unknown kid at most every 30 s.
    keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000 });
    keySets.set(jwksUrl, keys);
  }
  return keys;
}

/**
 * Verify IAP's signed header exactly as Google documents it: ES256 only, IAP's issuer, our
 * backend's audience, 30 s of clock skew, at most 10 min (+ skew) old. Fails closed: any doubt,
 * including unreachable keys, is an IapVerificationError.
 */
export async function verifyIapJwt(token: string | null, options: { audience: string; jwksUrl: string }): Promise<IapIdentity> {
  if (!token) throw new IapVerificationError('missing x-goog-iap-jwt-assertion header');
  try {
    const { payload } = await jwtVerify(token, keySet(options.jwksUrl), {
      algorithms: ['ES256'],
      issuer: IAP_ISSUER,
      audience: options.audience,
      clockTolerance: 30,
      maxTokenAge: 600 + 30,
      requiredClaims: ['sub', 'email', 'iat', 'exp'],
    });
    const iat = payload.iat ?? 0;
    const exp = payload.exp ?? 0;
    if (exp - iat > 600 + 30) throw new IapVerificationError('token lifetime longer than IAP issues');
    if (typeof payload.email !== 'string' || typeof payload.sub !== 'string') {
      throw new IapVerificationError('email or sub claim is not a string');
    }
    return { email: payload.email.toLowerCase(), sub: payload.sub, hd: typeof payload.hd === 'string' ? payload.hd : undefined };
  } catch (error) {
    if (error instanceof IapVerificationError) throw error;
    const reason = error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error);
    throw new IapVerificationError(reason);
  }
}
