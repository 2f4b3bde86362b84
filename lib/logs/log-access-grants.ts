import 'server-only';
// Grants on an app's logs in one environment, each with the reason its holder gave: break-glass
// (read logs one may not otherwise read) and unmask (see likely PHI unmasked). Rows are never
// changed; a grant ends when its time is up.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, LogAccessGrantsTable } from '@/lib/db/schema';

export type LogAccessGrantKind = 'break-glass' | 'unmask';

export interface LogAccessGrant {
  id: number;
  kind: LogAccessGrantKind;
  app: string;
  environment: string;
  email: string;
  name: string;
  team: string | null;
  reason: string;
  createdAt: string;
  expiresAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

export interface NewLogAccessGrant {
  kind: LogAccessGrantKind;
  app: string;
  environment: string;
  holder: { email: string; name: string; team: string | null };
  reason: string;
  createdAt: Date;
  expiresAt: Date;
}

export async function insertLogAccessGrant(db: Db, grant: NewLogAccessGrant): Promise<LogAccessGrant> {
  const row = {
    kind: grant.kind,
    app: grant.app,
    environment: grant.environment,
    email: grant.holder.email,
    name: grant.holder.name,
    team: grant.holder.team,
    reason: grant.reason,
    created_at: grant.createdAt.toISOString(),
    expires_at: grant.expiresAt.toISOString(),
  };
  const inserted = await db.insertInto('log_access_grants').values(row).returning('id').executeTakeFirstOrThrow();
  return toGrant({ ...row, id: inserted.id });
}

/** The holder's grant of this kind that is still running (the latest to end), if any. */
export async function findActiveGrant(
  db: Db,
  where: { kind: LogAccessGrantKind; email: string; app: string; environment: string; now: Date; id?: number },
): Promise<LogAccessGrant | null> {
  let query = db
    .selectFrom('log_access_grants')
    .selectAll()
    .where('kind', '=', where.kind)
    .where('email', '=', where.email)
    .where('app', '=', where.app)
    .where('environment', '=', where.environment)
    .where('expires_at', '>', where.now.toISOString());
  if (where.id !== undefined) query = query.where('id', '=', where.id);
  const row = await query.orderBy('expires_at', 'desc').limit(1).executeTakeFirst();
  return row ? toGrant(row) : null;
}

/** Break-glass grants on these apps since a moment, newest first. */
export async function listBreakGlassGrants(db: Db, where: { apps: readonly string[]; since: Date; limit?: number }): Promise<LogAccessGrant[]> {
  if (where.apps.length === 0) return [];
  const rows = await db
    .selectFrom('log_access_grants')
    .selectAll()
    .where('kind', '=', 'break-glass')
    .where('app', 'in', [...where.apps])
    .where('created_at', '>=', where.since.toISOString())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(where.limit ?? 100)
    .execute();
  return rows.map(toGrant);
}

function toGrant(row: Omit<Selectable<LogAccessGrantsTable>, 'id'> & { id: number | string | bigint }): LogAccessGrant {
  return {
    id: Number(row.id),
    kind: row.kind === 'unmask' ? 'unmask' : 'break-glass',
    app: row.app,
    environment: row.environment,
    email: row.email,
    name: row.name,
    team: row.team,
    reason: row.reason,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
