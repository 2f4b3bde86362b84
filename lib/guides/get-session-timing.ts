import 'server-only';

import { sessionEndsAt } from './load-sessions';
import type { Session } from './schemas';

export type SessionTiming = 'upcoming' | 'running' | 'past';

/** Whether a session is still to come, happening now, or over (date-only sessions last the UTC day). */
export function getSessionTiming(session: Session, now: Date = new Date()): SessionTiming {
  const at = now.getTime();
  if (sessionEndsAt(session) <= at) return 'past';
  return Date.parse(session.date) <= at ? 'running' : 'upcoming';
}
