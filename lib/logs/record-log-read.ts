import 'server-only';
// The record of every read of logs that may hold PHI (HIPAA §164.312(b), audit controls): who,
// which app and environment, the filter and time window, how many lines went out, and the
// break-glass or unmask reason when that was the ground. Written before the lines leave Berth —
// a read that cannot be recorded is refused — and awaited, so concurrent reads each get theirs.
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { BerthUser } from '@/lib/auth/user';
import type { BerthDb } from '@/lib/db/create-db';
import type { LogQuery } from './log-entry';
import type { LogAccessGrant } from './log-access-grants';

/** query: a first page; page: a later one (with a page token); stream: a live follow; download: the file. */
export type LogReadKind = 'query' | 'page' | 'stream-opened' | 'stream-closed' | 'download';

export interface LogRead {
  kind: LogReadKind;
  user: BerthUser;
  query: LogQuery;
  /** Lines that went to the reader (for stream-closed, over the stream's life). */
  lines: number;
  breakGlass: LogAccessGrant | null;
  unmasked?: LogAccessGrant | null;
  requestId?: string;
  /** stream-closed: how long it was open, and why it ended. */
  openMs?: number;
  ended?: string;
  time?: Date;
}

export function logReadFilter(query: LogQuery): Record<string, unknown> {
  return {
    ...(query.pods?.length ? { pods: query.pods } : {}),
    ...(query.container ? { container: query.container } : {}),
    ...(query.minSeverity ? { severity: query.minSeverity } : {}),
    ...(query.text ? { text: query.text } : {}),
    ...(query.previous ? { previous: true } : {}),
  };
}

export async function recordLogRead(db: BerthDb, read: LogRead): Promise<void> {
  const { query } = read;
  await recordAuditEvent(db, {
    actor: read.user.email,
    action: `logs.${read.kind}`,
    target: `app:${query.app}`,
    time: read.time,
    details: {
      environment: query.environment,
      filter: logReadFilter(query),
      window: { since: query.since?.toISOString() ?? null, until: query.until?.toISOString() ?? null },
      lines: read.lines,
      ...(read.breakGlass ? { breakGlass: { grant: read.breakGlass.id, reason: read.breakGlass.reason } } : {}),
      ...(read.unmasked ? { unmasked: { grant: read.unmasked.id, reason: read.unmasked.reason } } : {}),
      ...(read.openMs !== undefined ? { openMs: read.openMs } : {}),
      ...(read.ended ? { ended: read.ended } : {}),
      ...(read.requestId ? { requestId: read.requestId } : {}),
    },
  });
}
