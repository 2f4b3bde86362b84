import 'server-only';
// The wrapper of every log route handler: a signed-in person allowed to read the app's logs in
// that environment ('logs.read': production's only for the owning team, the platform team and
// break-glass), the request resolved to a LogQuery (refusals as JSON errors), the process's
// LogSource — masking likely PHI unless the reader showed it unmasked with a reason (an `unmask`
// grant, ?unmask=<id>) — a way to record the read (every read of logs that may hold PHI is an audit event,
// written before the lines leave: one that cannot be recorded is refused with a 503), and a log
// backend failure answered with its code and a hint.
import { type UserRouteContext, withUser } from '@/lib/auth/with-user';
import { getConfig } from '@/lib/config/get-config';
import { type BerthDb, getDb } from '@/lib/db/get-db';
import { failureResponse, jsonError } from '@/lib/http/respond';
import { breakGlassDurations } from './break-glass';
import { getLogSource } from './get-log-source';
import type { BerthUser } from '@/lib/auth/user';
import { checkLogAccess } from './log-access';
import { findActiveGrant, type LogAccessGrant } from './log-access-grants';
import { sharedTailsFor } from './log-streams';
import { maskerFor, maskingSource } from './masking-source';
import { logErrorResponse } from './log-error-response';
import { isLogSourceError, type LogSource } from './log-source';
import { type LogRead, recordLogRead } from './record-log-read';
import { type LogRequest, resolveLogRequest, type ResolveLogRequestOptions } from './resolve-log-request';

export interface LogRouteContext extends UserRouteContext<{ app: string }> {
  logRequest: LogRequest;
  source: LogSource;
  db: BerthDb;
  /** The break-glass grant the read happens under, if that is the ground. */
  breakGlass: LogAccessGrant | null;
  masking: LogMasking;
  /** Records this read when the environment's logs may hold PHI; throws AuditUnavailableError when it cannot. */
  recordRead: (read: Pick<LogRead, 'kind' | 'lines' | 'query'> & Partial<Pick<LogRead, 'openMs' | 'ended'>>) => Promise<void>;
}

/** What the reader gets: masked lines, or unmasked under a grant they gave a reason for. */
export interface LogMasking {
  masked: boolean;
  unmasked: LogAccessGrant | null;
  /** An unmask grant was asked for but has ended (or is not theirs): the lines are masked again. */
  unmaskEnded: boolean;
}

/** The read could not be recorded: no line of it may leave Berth. */
export class AuditUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('The read could not be recorded.', options);
    this.name = 'AuditUnavailableError';
  }
}

export function withLogRequest(
  handler: (request: Request, context: LogRouteContext) => Promise<Response>,
  options: Omit<ResolveLogRequestOptions, 'catalog' | 'now'> = {},
) {
  return withUser<{ app: string }>(async (request, context) => {
    const resolved = await resolveLogRequest(context.user, context.params.app, new URL(request.url).searchParams, options);
    if (!resolved.ok) return failureResponse(resolved.error, context.requestId);
    const db = await getDb();
    const { app, environment } = resolved.data;
    const access = await checkLogAccess(context.user, app, environment, { db });
    if (!access.allowed) {
      // The viewer offers break-glass in place when the person may use it.
      const details = access.canBreakGlass
        ? { canBreakGlass: true, app: app.name, environment: environment.name, durations: breakGlassDurations(getConfig().BREAK_GLASS_MAX_MINUTES) }
        : { canBreakGlass: false };
      return jsonError('forbidden', access.reason, { requestId: context.requestId, details });
    }
    const masking = await resolveMasking(db, context.user, resolved.data, new URL(request.url).searchParams.get('unmask'));
    const recordRead: LogRouteContext['recordRead'] = async (read) => {
      if (!environment.logsHoldPhi) return;
      try {
        await recordLogRead(db, { ...read, user: context.user, breakGlass: access.breakGlass, unmasked: masking.unmasked, requestId: context.requestId });
      } catch (error) {
        throw new AuditUnavailableError({ cause: error });
      }
    };
    try {
      // Identical follows share one upstream tail; masking is each reader's own, on top.
      const shared = sharedTailsFor(await getLogSource());
      const source = masking.masked ? maskingSource(shared, maskerFor(app)) : shared;
      return await handler(request, { ...context, logRequest: resolved.data, source, db, breakGlass: access.breakGlass, masking, recordRead });
    } catch (error) {
      if (error instanceof AuditUnavailableError) {
        context.log.error({ err: error.cause, app: app.name, environment: environment.name }, 'could not record a log read; refused it');
        return jsonError('unavailable', 'Berth could not record this read of logs that may hold patient data, so it shows none. Try again in a moment.', {
          requestId: context.requestId,
          details: { retryable: true },
        });
      }
      // The client went away mid-request (a new filter, another page): nobody reads this answer,
      // and the backend did not fail — whatever error the abort caused is not worth a warning.
      if (request.signal.aborted) {
        context.log.debug({ err: error }, 'client left before the logs were read');
        return new Response(null, { status: 499 });
      }
      if (isLogSourceError(error)) {
        const { query } = resolved.data;
        context.log.warn({ kind: error.kind, app: query.app, environment: query.environment, err: error }, 'log backend failed');
        return logErrorResponse(error, context.requestId);
      }
      throw error;
    }
  });
}

/** Lines that may hold PHI are masked unless the request names the reader's own running unmask grant. */
async function resolveMasking(db: BerthDb, user: BerthUser, { app, environment }: LogRequest, unmask: string | null): Promise<LogMasking> {
  if (!environment.logsHoldPhi) return { masked: false, unmasked: null, unmaskEnded: false };
  const id = unmask && /^\d{1,15}$/.test(unmask) ? Number(unmask) : undefined;
  const grant = id === undefined ? null : await findActiveGrant(db, { kind: 'unmask', id, email: user.email, app: app.name, environment: environment.name, now: new Date() });
  return { masked: grant === null, unmasked: grant, unmaskEnded: unmask !== null && grant === null };
}
