import 'server-only';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, FeedbackItemsTable, FeedbackUpdatesTable } from '@/lib/db/schema';
import { parseFeedbackLink } from './feedback-link';
import type { FeedbackKind, FeedbackStatus, NewFeedback, Severity } from './schemas';
import type { FeedbackItem, FeedbackUpdate, FeedbackUpdateKind } from './types';

type Db = Kysely<Database> | Transaction<Database>;

/** What the reporter wrote, as its columns: filing stores them, rewording compares and replaces them. */
export function writtenColumns(input: Pick<NewFeedback, 'kind' | 'title' | 'description' | 'severity' | 'workedOnAptible'>) {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    severity: input.severity ?? null,
    worked_on_aptible: input.workedOnAptible ? 1 : 0,
  };
}

/** Items with their vote and comment counts; callers add where/order/limit. */
export function selectFeedbackItems(db: Db) {
  return db
    .selectFrom('feedback_items as i')
    .selectAll('i')
    .select((eb) => [
      eb
        .selectFrom('feedback_votes as v')
        .whereRef('v.item_id', '=', 'i.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('vote_count'),
      eb
        .selectFrom('feedback_updates as u')
        .whereRef('u.item_id', '=', 'i.id')
        .where('u.kind', '=', 'comment')
        .select(eb.fn.countAll<number>().as('n'))
        .as('comment_count'),
    ]);
}

type ItemRow = Selectable<FeedbackItemsTable> & { vote_count: number | string | bigint | null; comment_count: number | string | bigint | null };

// PostgreSQL returns bigint ids and counts as strings.
export const toNumber = (value: number | string | bigint | null | undefined): number => Number(value ?? 0);

export function toFeedbackItem(row: ItemRow): FeedbackItem {
  return {
    id: toNumber(row.id),
    kind: row.kind as FeedbackKind,
    title: row.title,
    description: row.description,
    severity: (row.severity as Severity | null) ?? null,
    workedOnAptible: toNumber(row.worked_on_aptible) === 1,
    app: row.app,
    environment: row.environment,
    guide: row.guide,
    session: row.session,
    page: row.page,
    team: row.team,
    reporter: { email: row.reporter_email, name: row.reporter_name, team: row.reporter_team },
    status: row.status as FeedbackStatus,
    owner: row.owner_email ? { email: row.owner_email, name: row.owner_name ?? row.owner_email } : null,
    knownIssue: toNumber(row.known_issue) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    votes: toNumber(row.vote_count),
    comments: toNumber(row.comment_count),
  };
}

export function toFeedbackUpdate(row: Selectable<FeedbackUpdatesTable>): FeedbackUpdate {
  const kind = row.kind as FeedbackUpdateKind;
  return {
    id: toNumber(row.id),
    itemId: toNumber(row.item_id),
    actor: { email: row.actor_email, name: row.actor_name },
    kind,
    from: row.from_value,
    to: row.to_value,
    body: row.body,
    link: kind === 'link' && row.body ? parseFeedbackLink(row.body) : null,
    createdAt: row.created_at,
  };
}

export interface NewUpdate {
  itemId: number;
  actor: { email: string; name: string };
  kind: FeedbackUpdateKind;
  from?: string | null;
  to?: string | null;
  body?: string | null;
  at: string;
}

/** Append to an item's timeline and touch the item, so the board can sort by activity. */
export async function appendUpdate(db: Db, update: NewUpdate): Promise<number> {
  const row = await db
    .insertInto('feedback_updates')
    .values({
      item_id: update.itemId,
      actor_email: update.actor.email,
      actor_name: update.actor.name,
      kind: update.kind,
      from_value: update.from ?? null,
      to_value: update.to ?? null,
      body: update.body ?? null,
      created_at: update.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('feedback_items').set({ updated_at: update.at }).where('id', '=', update.itemId).execute();
  return toNumber(row.id);
}

/** The item row alone (no counts), for checks before a change. */
export async function findItemRow(db: Db, id: number) {
  return db.selectFrom('feedback_items').selectAll().where('id', '=', id).executeTakeFirst();
}
