import 'server-only';

import type { BerthDb } from '@/lib/db/get-db';

// "Mark as read" per person and guide. Emails are stored lowercased, as lib/auth resolves them.

export type GuideRead = { email: string; slug: string; readAt: string };

/** Marks a guide read; marking it again keeps the first time it was read. */
export async function markGuideRead(db: BerthDb, input: { email: string; slug: string; at?: Date }): Promise<void> {
  await db
    .insertInto('guide_reads')
    .values({ user_email: input.email.toLowerCase(), guide_slug: input.slug, read_at: (input.at ?? new Date()).toISOString() })
    .onConflict((conflict) => conflict.columns(['user_email', 'guide_slug']).doNothing())
    .execute();
}

export async function markGuideUnread(db: BerthDb, input: { email: string; slug: string }): Promise<void> {
  await db
    .deleteFrom('guide_reads')
    .where('user_email', '=', input.email.toLowerCase())
    .where('guide_slug', '=', input.slug)
    .execute();
}

/** The guides one person has read: slug → when. */
export async function listGuideReadsOf(db: BerthDb, email: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('guide_reads')
    .select(['guide_slug', 'read_at'])
    .where('user_email', '=', email.toLowerCase())
    .execute();
  return new Map(rows.map((row) => [row.guide_slug, row.read_at]));
}

/** Every read by everyone, oldest first: the platform team's progress view aggregates it. */
export async function listAllGuideReads(db: BerthDb): Promise<GuideRead[]> {
  const rows = await db
    .selectFrom('guide_reads')
    .select(['user_email', 'guide_slug', 'read_at'])
    .orderBy('read_at')
    .orderBy('user_email')
    .orderBy('guide_slug')
    .execute();
  return rows.map((row) => ({ email: row.user_email, slug: row.guide_slug, readAt: row.read_at }));
}
