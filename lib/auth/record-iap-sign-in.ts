import 'server-only';
// Behind IAP there is no sign-in form: IAP signs each request, and Berth keeps no session of its
// own. For the activity report, a person's first request after 8 hours without one (the length
// of a dev-mode session) is their sign-in: recorded once, whichever replica sees it first (the
// audit trail is checked, so another replica's record counts). Identities IAP let through that
// are not in teams.yaml are recorded too: a refused visit is worth knowing about.
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { logger } from '@/lib/logger/logger';

export const SIGN_IN_GAP_MS = 8 * 60 * 60 * 1000;

const holder = globalThis as typeof globalThis & { __berthIapSignIns?: Map<string, number> };

export interface IapSignInDeps {
  db?: BerthDb;
  now?: Date;
  /** When this process last noted each person (default: the process's own). */
  seen?: Map<string, number>;
}

/** True when this call recorded a sign-in. Never throws: a request is not refused for it. */
export async function recordIapSignIn(person: { email: string; listed: boolean }, deps: IapSignInDeps = {}): Promise<boolean> {
  const seen = deps.seen ?? (holder.__berthIapSignIns ??= new Map());
  const now = (deps.now ?? new Date()).getTime();
  const last = seen.get(person.email);
  if (last !== undefined && now - last < SIGN_IN_GAP_MS) return false;
  // Noted before any await: the page's parallel requests do not each record one.
  seen.set(person.email, now);
  try {
    const db = deps.db ?? (await getDb());
    const [latest] = await listAuditEvents(db, { actor: person.email, actionPrefix: 'auth.sign-in', limit: 1 });
    if (latest && now - Date.parse(latest.time) < SIGN_IN_GAP_MS) return false;
    await recordAuditEvent(db, { actor: person.email, action: 'auth.sign-in', target: `user:${person.email}`, details: { mode: 'iap', ...(person.listed ? {} : { listed: false }) }, time: new Date(now) });
    return true;
  } catch (error) {
    seen.delete(person.email);
    logger.error({ err: error }, 'could not record the IAP sign-in audit event');
    return false;
  }
}
