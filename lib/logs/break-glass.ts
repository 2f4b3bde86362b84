import 'server-only';
// Break-glass on an app's logs: someone outside the owning team (or a viewer) states why they need
// them now and gets a time-limited grant. The grant and its audit event are written together; the
// owning team sees it on the app page and in their header badge (break-glass-notices.ts).
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getConfig } from '@/lib/config/get-config';
import { findAppEnvironment } from './log-access';
import { type LogAccessDeps, logAccessStores } from './log-access-deps';
import { insertLogAccessGrant, type LogAccessGrant } from './log-access-grants';

/** The durations offered, in minutes; those above the configured maximum are left out. */
export const BREAK_GLASS_DURATIONS = [15, 30, 60, 120, 240] as const;

export const REASON_MIN = 15;
export const REASON_MAX = 500;

/** A reason a reviewer can act on later: not "debugging", but what and why. */
export const accessReasonSchema = z
  .string()
  .trim()
  .min(REASON_MIN, `Say what you need and why, in at least ${REASON_MIN} characters (an incident or ticket helps).`)
  .max(REASON_MAX, `At most ${REASON_MAX} characters.`);

export const breakGlassInputSchema = z.object({
  environment: z.string().min(1).max(63),
  reason: accessReasonSchema,
  minutes: z.number().int().positive(),
});

export type BreakGlassInput = z.infer<typeof breakGlassInputSchema>;

export function breakGlassDurations(maxMinutes: number): number[] {
  const offered = BREAK_GLASS_DURATIONS.filter((m) => m <= maxMinutes);
  return offered.length > 0 ? offered : [maxMinutes];
}

export interface BreakGlassDeps extends LogAccessDeps {
  /** The longest grant offered (BREAK_GLASS_MAX_MINUTES by default). */
  maxMinutes?: number;
}

export async function breakGlass(user: BerthUser, appName: string, input: BreakGlassInput, deps: BreakGlassDeps = {}): Promise<Result<LogAccessGrant>> {
  const { db, now, catalog } = await logAccessStores(deps);
  const found = findAppEnvironment(await catalog(), appName, input.environment);
  if (!found.ok) return found;
  const { app, environment } = found.data;
  const decision = decide(user, 'logs.breakGlass', { app, environment });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  const durations = breakGlassDurations(deps.maxMinutes ?? getConfig().BREAK_GLASS_MAX_MINUTES);
  if (!durations.includes(input.minutes)) {
    return fail('invalid', `Break-glass lasts ${durations.join(', ')} minutes.`, { fieldErrors: { minutes: [`Pick one of ${durations.join(', ')} minutes.`] } });
  }
  const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
  const grant = await db.transaction().execute(async (trx) => {
    const inserted = await insertLogAccessGrant(trx, {
      kind: 'break-glass',
      app: app.name,
      environment: environment.name,
      holder: { email: user.email, name: user.name, team: user.team },
      reason: input.reason,
      createdAt: now,
      expiresAt,
    });
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'logs.break-glass',
      target: `app:${app.name}`,
      details: { environment: environment.name, reason: input.reason, minutes: input.minutes, expiresAt: expiresAt.toISOString(), team: user.team, owningTeam: app.team, grant: inserted.id },
      time: now,
    });
    return inserted;
  });
  return ok(grant);
}
