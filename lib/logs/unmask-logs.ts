import 'server-only';
// "Show unmasked": on one line, or on the whole view for a while — each time with a reason, each
// time an audit event. A page grant is a row the reads then name (?unmask=<id>), so every read it
// covers is recorded with the reason too; a line is read again, unmasked, and returned.
import { z } from 'zod';
import { fail, ok, type Result } from '@/lib/result/result';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { App, Environment } from '@/lib/catalog/types';
import { accessReasonSchema } from './break-glass';
import { getLogSource } from './get-log-source';
import { checkLogAccess, findAppEnvironment } from './log-access';
import { type LogAccessDeps, logAccessStores } from './log-access-deps';
import { insertLogAccessGrant } from './log-access-grants';
import type { LogEntry } from './log-entry';
import { isLogSourceError, type LogSource } from './log-source';
import { parseRfc3339Nanos } from './log-time';

/** How long "Show unmasked" on a view lasts before the lines are masked again. */
export const UNMASK_MINUTES = 15;

const kubeName = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/);

export const unmaskInputSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('page'), environment: z.string().min(1).max(63), reason: accessReasonSchema }),
  z.object({
    scope: z.literal('line'),
    environment: z.string().min(1).max(63),
    reason: accessReasonSchema,
    line: z.object({ insertId: z.string().min(1).max(400), time: z.string().min(1).max(40), pod: kubeName, container: kubeName, previous: z.boolean().optional() }),
  }),
]);

export type UnmaskInput = z.infer<typeof unmaskInputSchema>;

export type UnmaskResult = { scope: 'page'; grant: { id: number; expiresAt: string } } | { scope: 'line'; entry: LogEntry };

export interface UnmaskDeps extends LogAccessDeps {
  /** The unmasked source (line scope reads the line again); the process's own by default. */
  source?: LogSource;
}

export async function unmaskLogs(user: BerthUser, appName: string, input: UnmaskInput, deps: UnmaskDeps = {}): Promise<Result<UnmaskResult>> {
  const { db, now, catalog } = await logAccessStores(deps);
  const found = findAppEnvironment(await catalog(), appName, input.environment);
  if (!found.ok) return found;
  const { app, environment } = found.data;
  if (!environment.logsHoldPhi) return fail('invalid', `${environment.name} logs are not masked: there is nothing to unmask.`);
  const access = await checkLogAccess(user, app, environment, { db, now });
  if (!access.allowed) return fail('forbidden', access.reason);
  const base = { environment: environment.name, scope: input.scope, reason: input.reason, ...(access.breakGlass ? { breakGlass: { grant: access.breakGlass.id, reason: access.breakGlass.reason } } : {}) };

  if (input.scope === 'page') {
    const expiresAt = new Date(now.getTime() + UNMASK_MINUTES * 60_000);
    const grant = await db.transaction().execute(async (trx) => {
      const inserted = await insertLogAccessGrant(trx, { kind: 'unmask', app: app.name, environment: environment.name, holder: user, reason: input.reason, createdAt: now, expiresAt });
      await recordAuditEvent(trx, { actor: user.email, action: 'logs.unmask', target: `app:${app.name}`, details: { ...base, grant: inserted.id, expiresAt: inserted.expiresAt }, time: now });
      return inserted;
    });
    return ok({ scope: 'page', grant: { id: grant.id, expiresAt: grant.expiresAt } });
  }

  const entry = await readLine(deps.source ?? (await getLogSource()), app, environment, input.line);
  if (entry === 'unavailable') return fail('unavailable', 'The log backend could not be read: try again in a moment.');
  if (!entry) return fail('not-found', 'That line is no longer in the logs (its pod may have been replaced).');
  await recordAuditEvent(db, {
    actor: user.email,
    action: 'logs.unmask',
    target: `app:${app.name}`,
    details: { ...base, line: { insertId: entry.insertId, time: entry.time, pod: entry.pod, container: entry.container }, lines: 1 },
    time: now,
  });
  return ok({ scope: 'line', entry });
}

/** The one line again, from its pod and container, in the millisecond it was written. */
async function readLine(source: LogSource, app: App, environment: Environment, line: Extract<UnmaskInput, { scope: 'line' }>['line']): Promise<LogEntry | null | 'unavailable'> {
  const nanos = parseRfc3339Nanos(line.time);
  if (nanos === undefined) return null;
  const since = new Date(Number(nanos / 1_000_000n));
  try {
    const page = await source.query({
      app: app.name,
      namespace: app.namespace,
      environment: environment.name,
      cluster: environment.cluster,
      pods: [line.pod],
      container: line.container,
      previous: line.previous,
      since,
      until: new Date(since.getTime() + 1),
      order: 'asc',
      pageSize: 1000,
    });
    return page.entries.find((e) => e.insertId === line.insertId) ?? null;
  } catch (error) {
    if (isLogSourceError(error)) return error.kind === 'invalid-query' ? null : 'unavailable';
    throw error;
  }
}
