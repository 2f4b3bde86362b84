import 'server-only';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ChangeRequestEventsTable, ChangeRequestsTable, Database } from '@/lib/db/schema';
import type { ChangeEvent, ChangeEventKind, ChangeRequest, ChangeStatus } from './change-request';

type Db = Kysely<Database> | Transaction<Database>;

export function toChangeRequest(row: Selectable<ChangeRequestsTable>): ChangeRequest {
  return {
    id: Number(row.id),
    app: row.app,
    fileName: row.file_name,
    filePath: row.file_path,
    environments: JSON.parse(row.environments) as string[],
    title: row.title,
    author: { email: row.author_email, name: row.author_name },
    baseRevision: row.base_revision,
    baseText: row.base_text,
    proposedText: row.proposed_text,
    diffHash: row.diff_hash,
    evaluation: JSON.parse(row.evaluation) as ChangeRequest['evaluation'],
    status: row.status as ChangeStatus,
    statusReason: row.status_reason,
    mergedRevision: row.merged_revision,
    mergeCommit: row.merge_commit,
    mergeHeartbeatAt: row.merge_heartbeat_at,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEvent(row: Selectable<ChangeRequestEventsTable>): ChangeEvent {
  return {
    id: Number(row.id),
    actor: { email: row.actor_email, name: row.actor_name },
    kind: row.kind as ChangeEventKind,
    body: row.body,
    diffHash: row.diff_hash,
    time: row.created_at,
  };
}

export async function findChangeRequest(db: Db, id: number): Promise<ChangeRequest | null> {
  const row = await db.selectFrom('change_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toChangeRequest(row) : null;
}

/** The open (or merging) request proposing exactly this diff, if any: there is at most one. */
export async function findOpenRequestForDiff(db: Db, diffHash: string): Promise<ChangeRequest | null> {
  const row = await db.selectFrom('change_requests').selectAll().where('diff_hash', '=', diffHash).where('status', 'in', ['open', 'approved']).executeTakeFirst();
  return row ? toChangeRequest(row) : null;
}

export async function listChangeEvents(db: Db, id: number): Promise<ChangeEvent[]> {
  const rows = await db.selectFrom('change_request_events').selectAll().where('change_id', '=', id).orderBy('id', 'asc').execute();
  return rows.map(toEvent);
}

export async function addChangeEvent(
  db: Db,
  event: { changeId: number; actor: { email: string; name: string }; kind: ChangeEventKind; body?: string | null; diffHash?: string | null },
): Promise<void> {
  await db
    .insertInto('change_request_events')
    .values({
      change_id: event.changeId,
      actor_email: event.actor.email,
      actor_name: event.actor.name,
      kind: event.kind,
      body: event.body ?? null,
      diff_hash: event.diffHash ?? null,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/**
 * Move a request from one status to another only if nobody moved it first (compare-and-set on
 * status, version and, where given, the diff hash). Returns whether this caller won.
 */
export async function transitionChange(
  db: Db,
  change: { id: number; version: number; status: ChangeStatus; diffHash?: string },
  to: ChangeStatus,
  fields: Partial<{ status_reason: string | null; merged_revision: string | null; merge_commit: string | null; merge_owner: string | null; merge_heartbeat_at: string | null }> = {},
): Promise<boolean> {
  let query = db
    .updateTable('change_requests')
    .set({ ...fields, status: to, version: change.version + 1, updated_at: new Date().toISOString() })
    .where('id', '=', change.id)
    .where('version', '=', change.version)
    .where('status', '=', change.status);
  if (change.diffHash) query = query.where('diff_hash', '=', change.diffHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ListChangeRequestsOptions {
  statuses?: ChangeStatus[];
  app?: string;
  apps?: string[];
  authorEmail?: string;
  excludeAuthorEmail?: string;
  limit?: number;
}

export async function listChangeRequests(db: Db, options: ListChangeRequestsOptions = {}): Promise<ChangeRequest[]> {
  let query = db.selectFrom('change_requests').selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 50);
  if (options.statuses?.length) query = query.where('status', 'in', options.statuses);
  if (options.app) query = query.where('app', '=', options.app);
  if (options.apps) {
    if (options.apps.length === 0) return [];
    query = query.where('app', 'in', options.apps);
  }
  if (options.authorEmail) query = query.where('author_email', '=', options.authorEmail);
  if (options.excludeAuthorEmail) query = query.where('author_email', '!=', options.excludeAuthorEmail);
  return (await query.execute()).map(toChangeRequest);
}

export async function countOpenChanges(db: Db, app: string): Promise<number> {
  const row = await db
    .selectFrom('change_requests')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('app', '=', app)
    .where('status', 'in', ['open', 'approved', 'stale'])
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}
