import 'server-only';
import { randomBytes } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { getConfig } from '@/lib/config/get-config';
import { getDb } from '@/lib/db/get-db';
import { logger } from '@/lib/logger/logger';
import { IAP_HEADER, verifyIapJwt } from './verify-iap-jwt';

// Without a configured secret outside production (`next dev` started by hand), sessions last
// until the process restarts. Production refuses to start without AUTH_SECRET (lib/config).
const fallbackSecret = randomBytes(32).toString('hex');

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | null {
  const value = headers?.[name];
  return typeof value === 'string' ? value : null;
}

export function getAuthOptions(): NextAuthOptions {
  const config = getConfig();
  const iap = config.AUTH_MODE === 'iap';
  return {
    secret: config.AUTH_SECRET ?? fallbackSecret,
    // IAP mode: a short session, re-checked against the signed header on every request anyway.
    session: { strategy: 'jwt', maxAge: iap ? 10 * 60 : 8 * 60 * 60 },
    pages: { signIn: '/signin' },
    providers: [
      iap
        ? CredentialsProvider({
            id: 'iap',
            name: 'Identity-Aware Proxy',
            credentials: {},
            // Submitted fields are ignored: the identity comes only from IAP's signed header.
            async authorize(_credentials, request) {
              const identity = await verifyIapJwt(headerValue(request.headers, IAP_HEADER), {
                audience: config.IAP_AUDIENCE ?? '',
                jwksUrl: config.IAP_JWKS_URL,
              });
              return { id: identity.sub, email: identity.email, name: identity.email };
            },
          })
        : CredentialsProvider({
            id: 'dev',
            name: 'Demo sign-in',
            credentials: { email: { label: 'Email', type: 'email' } },
            // Dev sign-in: anyone listed in teams.yaml, by choice. Never offered in production (lib/config).
            async authorize(credentials) {
              const email = credentials?.email?.trim().toLowerCase();
              if (!email) return null;
              const catalog = await loadCatalog();
              const person = catalog.people.find((p) => p.email === email);
              return person ? { id: person.email, email: person.email, name: person.name } : null;
            },
          }),
    ],
    events: {
      async signIn({ user }) {
        try {
          await recordAuditEvent(await getDb(), {
            actor: user.email ?? 'unknown',
            action: 'auth.sign-in',
            target: `user:${user.email ?? 'unknown'}`,
            details: { mode: config.AUTH_MODE },
          });
        } catch (error) {
          logger.error({ err: error }, 'could not record the sign-in audit event');
        }
      },
    },
  };
}
