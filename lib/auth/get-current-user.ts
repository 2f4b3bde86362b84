import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect, unauthorized } from 'next/navigation';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { getAuthOptions } from './auth-options';
import { type BerthUser, resolveUser } from './user';
import { IAP_HEADER, IapVerificationError, verifyIapJwt } from './verify-iap-jwt';

/**
 * Who is asking. IAP mode: the signed header on THIS request is the only authority (a session
 * for someone else is ignored: IAP wins). Dev mode: the next-auth session. Role and team are read
 * from teams.yaml at the current revision, so removing someone from a team takes effect at once.
 */
export async function getCurrentUser(requestHeaders?: Headers): Promise<BerthUser | null> {
  const config = getConfig();
  const email = config.AUTH_MODE === 'iap' ? await iapEmail(requestHeaders ?? (await headers())) : await sessionEmail();
  if (!email) return null;
  return resolveUser(email, await loadCatalog());
}

async function iapEmail(requestHeaders: Headers): Promise<string | null> {
  const config = getConfig();
  try {
    const identity = await verifyIapJwt(requestHeaders.get(IAP_HEADER), {
      audience: config.IAP_AUDIENCE ?? '',
      jwksUrl: config.IAP_JWKS_URL,
    });
    return identity.email;
  } catch (error) {
    if (error instanceof IapVerificationError) return null;
    throw error;
  }
}

async function sessionEmail(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return session?.user?.email?.toLowerCase() ?? null;
}

/** For pages: the user, or the sign-in page (dev) / a 401 (IAP). */
export async function requireUser(returnTo = '/'): Promise<BerthUser> {
  const user = await getCurrentUser();
  if (user) return user;
  if (getConfig().AUTH_MODE === 'dev') redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  unauthorized();
}
