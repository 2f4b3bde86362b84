import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect, unauthorized } from 'next/navigation';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { getAuthOptions } from './auth-options';
import { recordIapSignIn } from './record-iap-sign-in';
import { type BerthUser, resolveUser } from './user';
import { IAP_HEADER, type IapIdentity, IapVerificationError, verifyIapJwt } from './verify-iap-jwt';

/**
 * Who is asking. IAP mode: the signed header on THIS request is the only authority (a session
 * for someone else is ignored: IAP wins). Dev mode: the next-auth session. Role and team are read
 * from teams.yaml at the current revision, so removing someone from a team takes effect at once.
 */
export async function getCurrentUser(requestHeaders?: Headers): Promise<BerthUser | null> {
  const config = getConfig();
  if (config.AUTH_MODE === 'iap') {
    const identity = await iapIdentity(requestHeaders ?? (await headers()));
    if (!identity) return null;
    // IAP vouches for the Workspace domain too: an identity from outside it is unlisted.
    const user = resolveUser(identity.email, await loadCatalog(), { hostedDomain: identity.hd ?? null, companyDomains: config.BERTH_WORKSPACE_DOMAINS });
    await recordIapSignIn({ email: user.email, listed: user.role !== 'unlisted' });
    return user;
  }
  const email = await sessionEmail();
  if (!email) return null;
  return resolveUser(email, await loadCatalog());
}

async function iapIdentity(requestHeaders: Headers): Promise<IapIdentity | null> {
  const config = getConfig();
  try {
    return await verifyIapJwt(requestHeaders.get(IAP_HEADER), {
      audience: config.IAP_AUDIENCE ?? '',
      jwksUrl: config.IAP_JWKS_URL,
    });
  } catch (error) {
    if (error instanceof IapVerificationError) return null;
    throw error;
  }
}

async function sessionEmail(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return session?.user?.email?.toLowerCase() ?? null;
}

/** Where someone signed in but not in teams.yaml is sent from every page. */
export const ASK_TO_BE_ADDED_PATH = '/ask-to-be-added';

/** For pages: a person listed in teams.yaml; else the sign-in page (dev) / a 401 (IAP), or the page that says how to be added. */
export async function requireUser(returnTo = '/'): Promise<BerthUser> {
  const user = await getCurrentUser();
  if (user?.role === 'unlisted') redirect(ASK_TO_BE_ADDED_PATH);
  if (user) return user;
  if (getConfig().AUTH_MODE === 'dev') redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  unauthorized();
}
