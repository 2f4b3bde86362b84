import 'server-only';
import { fail, ok, parseInput, type Result } from '@/lib/result/result';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { FeedbackCatalog } from './feedback-catalog';
import { type FeedbackDeps, feedbackStores } from './feedback-deps';
import { appendUpdate, toNumber, writtenColumns } from './feedback-rows';
import { ITEMS_PER_MINUTE, countRecentItems, lockSubmitter } from './rate-limit';
import { type NewFeedback, newFeedbackSchema } from './schemas';

/** File a feedback item. Anyone signed in may; references must exist; five a minute at most. */
export async function createFeedback(user: BerthUser | null, raw: unknown, deps: FeedbackDeps = {}): Promise<Result<{ id: number }>> {
  const decision = decide(user, 'feedback.create', {});
  if (!user || !decision.allowed) return fail(user ? 'forbidden' : 'unauthenticated', decision.reason);
  const parsed = parseInput(newFeedbackSchema, raw);
  if (!parsed.ok) return parsed;
  const input = parsed.data;
  const { db, now, ...stores } = await feedbackStores(deps);
  const catalog = await stores.catalog();

  const refused = checkReferences(input, catalog);
  if (refused) return refused;

  const at = now.toISOString();
  const app = input.context.app ? catalog.apps.find((a) => a.name === input.context.app) : undefined;

  const result = await db.transaction().execute(async (trx) => {
    await lockSubmitter(db, trx, user.email);
    if ((await countRecentItems(trx, user.email, now)) >= ITEMS_PER_MINUTE) return null;
    const row = await trx
      .insertInto('feedback_items')
      .values({
        ...writtenColumns(input),
        app: input.context.app ?? null,
        environment: input.context.environment ?? null,
        guide: input.context.guide ?? null,
        session: input.context.session ?? null,
        page: input.context.page ?? null,
        team: app?.team ?? user.team,
        reporter_email: user.email,
        reporter_name: user.name,
        reporter_team: user.team,
        status: 'new',
        owner_email: null,
        owner_name: null,
        known_issue: 0,
        created_at: at,
        updated_at: at,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id);
    await appendUpdate(trx, { itemId: id, actor: user, kind: 'filed', to: 'new', at });
    await recordAuditEvent(trx, {
      actor: user.email,
      action: 'feedback.create',
      target: `feedback:${id}`,
      details: { kind: input.kind, app: input.context.app, guide: input.context.guide, session: input.context.session },
      time: now,
    });
    return id;
  });

  if (result === null) {
    return fail(
      'rate-limited',
      `You have filed ${ITEMS_PER_MINUTE} items in the last minute. Wait a minute and send it again — your text is still here.`,
    );
  }
  return ok({ id: result });
}

function checkReferences(input: NewFeedback, catalog: FeedbackCatalog): Result<never> | null {
  const { app, environment, guide, session } = input.context;
  if (app) {
    const found = catalog.apps.find((a) => a.name === app);
    if (!found) {
      return fail('not-found', `There is no app called ${app} in the config repository.`, {
        fieldErrors: { 'context.app': [`There is no app called ${app}. Choose one from the list, or none.`] },
      });
    }
    if (environment && !found.environments.includes(environment)) {
      return fail('invalid', `${app} does not run in ${environment}.`, {
        fieldErrors: { 'context.environment': [`${app} does not run in ${environment}.`] },
      });
    }
  }
  if (guide && !catalog.guides.some((g) => g.slug === guide)) {
    return fail('not-found', `There is no guide called ${guide}.`, { fieldErrors: { 'context.guide': [`There is no guide called ${guide}.`] } });
  }
  if (session && !catalog.sessions.some((s) => s.id === session)) {
    return fail('not-found', `There is no training session ${session}.`, {
      fieldErrors: { 'context.session': [`There is no training session ${session}.`] },
    });
  }
  return null;
}
