import 'server-only';
// Merging an approved change request, exactly once across replicas, and never left half-way.
//
// The approval's compare-and-set moves the request to "approved" with a merge token (the lease)
// and the approving replica merges at once, saying every few seconds that it still is. Before the
// branch moves, the commit about to land is recorded on the request — only if this merge still
// holds the lease — so a request whose merger died can be told apart: its commit is on the branch
// (record it as merged) or not (merge it again). Any replica finds requests whose lease expired
// (recoverStuckChanges, run at start-up and every few seconds), takes the lease over with a
// compare-and-set on the request's version, and finishes: merged, stale, or back to open with the
// reason — a state people can act on.
import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { BerthDb } from '@/lib/db/get-db';
import { commitChange } from '@/lib/gitops/commit-change';
import { placeOfRevision } from '@/lib/gitops/on-branch';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { logger } from '@/lib/logger/logger';
import { fail, ok, type Result } from '@/lib/result/result';
import type { ValuesProblem } from '@/lib/values';
import { evaluateValuesChange } from '@/lib/values-files/evaluate-values-change';
import { configuredRemote, resolveValuesTarget } from '@/lib/values-files/save-values';
import { commitRefusal } from '@/lib/gitops/commit-refusal';
import type { ValuesFileName } from '@/lib/values-files/values-file';
import { type ChangeDeps, type ChangeStores, changeStores } from './change-deps';
import type { ChangeRequest, ChangeStatus } from './change-request';
import { addChangeEvent, findChangeRequest, toChangeRequest } from './change-repository';

/** A merge that has not said it is alive for this long has stopped (its replica died, or hung). */
export const MERGE_LEASE_MS = 15_000;
const HEARTBEAT_MS = 3_000;

/** What a merge writes to: the requests and the config repository. */
type MergeStores = Pick<ChangeStores, 'db' | 'repo'>;

/** A change request after an action, or why the action was refused (validation problems in `details`). */
export type ChangeResult = Result<ChangeRequest, { problems?: ValuesProblem[]; /** The open request that already proposes exactly this. */ existing?: number }>;

type Person = { name: string; email: string };

class MergeTakenOverError extends Error {
  constructor(id: number) {
    super(`Another Berth replica took over merging change request #${id}.`);
    this.name = 'MergeTakenOverError';
  }
}

const nowIso = () => new Date().toISOString();

/** A fresh lease token, written with the approval's compare-and-set. */
export function newMergeLease(): { merge_owner: string; merge_heartbeat_at: string } {
  return { merge_owner: randomUUID(), merge_heartbeat_at: nowIso() };
}

/** Moves a request this merge still owns to its outcome; false when the lease was taken over. */
async function finishMerge(
  db: BerthDb,
  id: number,
  token: string,
  to: ChangeStatus,
  fields: Partial<{ status_reason: string | null; merged_revision: string | null; merge_commit: string | null }>,
): Promise<boolean> {
  const result = await db
    .updateTable('change_requests')
    .set((eb) => ({ ...fields, status: to, merge_owner: null, merge_heartbeat_at: null, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('merge_owner', '=', token)
    .executeTakeFirst();
  const won = Number(result.numUpdatedRows) === 1;
  if (!won) logger.warn({ change: id, to }, 'a change request merge finished after another replica took it over; leaving it to that replica');
  return won;
}

function keepLease(db: BerthDb, id: number, token: string): () => void {
  const timer = setInterval(() => {
    db.updateTable('change_requests')
      .set({ merge_heartbeat_at: nowIso() })
      .where('id', '=', id)
      .where('merge_owner', '=', token)
      .execute()
      .catch((error: unknown) => logger.warn({ err: error, change: id }, 'could not renew a merge lease'));
  }, HEARTBEAT_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}

async function audit(db: BerthDb, actor: Person, action: string, change: ChangeRequest, details: Record<string, unknown> = {}) {
  await recordAuditEvent(db, { actor: actor.email, action, target: `change:${change.id}`, details: { app: change.app, ...details } });
}

/**
 * Merges an approved request this caller holds the lease of (`token`): commitChange with the
 * requester as author and Berth's Approved-by and Change-request trailers, validated against the
 * head it lands on. Ends in merged, stale (the file changed), or open with the reason.
 */
export async function mergeApproved(stores: MergeStores, change: ChangeRequest, approver: Person, token: string, details: Record<string, unknown> = {}): Promise<ChangeResult> {
  const stop = keepLease(stores.db, change.id, token);
  try {
    return await merge(stores, change, approver, token, details);
  } finally {
    stop();
  }
}

async function merge(stores: MergeStores, change: ChangeRequest, approver: Person, token: string, details: Record<string, unknown>): Promise<ChangeResult> {
  const { db } = stores;
  const returnToOpen = async (reason: string) => {
    if (await finishMerge(db, change.id, token, 'open', { status_reason: reason })) {
      await addChangeEvent(db, { changeId: change.id, actor: approver, kind: 'merge-refused', body: reason });
      await audit(db, approver, 'change.merge-refused', change, { reason, ...details });
    }
  };
  const resolved = await resolveValuesTarget(change.app, change.fileName as ValuesFileName, stores.repo);
  if (!resolved.ok) {
    await returnToOpen(`It cannot be merged: ${resolved.error.message}`);
    return resolved;
  }
  let problems: ValuesProblem[] = [];
  let result;
  try {
    result = await commitChange(stores.repo, {
      files: [{ path: change.filePath, text: change.proposedText }],
      baseRevision: change.baseRevision,
      author: change.author,
      message: change.title,
      trailers: { 'Approved-by': [`${approver.name} <${approver.email}>`], 'Change-request': [`#${change.id}`] },
      remote: configuredRemote(),
      check: async (head) => {
        const evaluation = await evaluateValuesChange(stores.repo, resolved.data.app, resolved.data.target, change.proposedText, head, resolved.data.environments);
        problems = evaluation.problems;
        return evaluation.ok ? { ok: true } : { ok: false, details: evaluation.problems };
      },
      // The fence: the commit about to land is recorded, and lands only while this merge holds the lease.
      beforePublish: async (revision) => {
        const fenced = await db
          .updateTable('change_requests')
          .set({ merge_commit: revision, merge_heartbeat_at: nowIso() })
          .where('id', '=', change.id)
          .where('status', '=', 'approved')
          .where('merge_owner', '=', token)
          .executeTakeFirst();
        if (Number(fenced.numUpdatedRows) !== 1) throw new MergeTakenOverError(change.id);
      },
    });
  } catch (error) {
    if (error instanceof MergeTakenOverError) return fail('conflict', `${error.message} Reload it.`);
    const refusal = commitRefusal(error);
    const reason = refusal?.error.message ?? 'The commit failed; approve again to retry.';
    if (refusal?.error.code !== 'invalid') logger.error({ err: error, change: change.id }, 'merging a change request failed');
    await returnToOpen(reason);
    return fail(refusal?.error.code === 'unavailable' ? 'unavailable' : 'conflict', reason);
  }
  if (result.status === 'committed' || result.status === 'unchanged') {
    // merge_commit only for a commit Berth wrote for this request: the head that already held
    // the proposal ('unchanged') is someone else's commit and must not read as approved.
    const mergeCommit = result.status === 'committed' ? result.revision : null;
    if (await finishMerge(db, change.id, token, 'merged', { merged_revision: result.revision, merge_commit: mergeCommit, status_reason: null })) {
      await addChangeEvent(db, { changeId: change.id, actor: approver, kind: 'merged', body: result.revision });
      await audit(db, approver, 'change.merge', change, { revision: result.revision, ...details });
    }
  } else if (result.status === 'conflict') {
    const reason = `${change.filePath} changed in the repository after this request was made: the author re-bases it in the editor.`;
    if (await finishMerge(db, change.id, token, 'stale', { status_reason: reason })) {
      await addChangeEvent(db, { changeId: change.id, actor: approver, kind: 'stale', body: reason });
      await audit(db, approver, 'change.stale', change, details);
    }
  } else {
    await returnToOpen(`It no longer validates against the repository: ${problems.find((p) => p.severity === 'error')?.message ?? 'see the problems'}.`);
    return fail('invalid', 'The proposal no longer validates; it was not merged.', { details: { problems } });
  }
  return ok((await findChangeRequest(db, change.id))!);
}

async function lastApprover(db: BerthDb, id: number): Promise<Person | null> {
  const row = await db
    .selectFrom('change_request_events')
    .select(['actor_name', 'actor_email'])
    .where('change_id', '=', id)
    .where('kind', '=', 'approved')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { name: row.actor_name, email: row.actor_email } : null;
}

/**
 * Finds requests left "approved" by a merge that stopped (lease expired), takes each over with a
 * compare-and-set and finishes it. Safe to run on every replica at once. Returns how many it took.
 */
export async function recoverStuckChanges(deps: ChangeDeps & { leaseMs?: number } = {}): Promise<number> {
  const stores = await changeStores(deps);
  const cutoff = new Date(Date.now() - (deps.leaseMs ?? MERGE_LEASE_MS)).toISOString();
  const rows = await stores.db
    .selectFrom('change_requests')
    .selectAll()
    .where('status', '=', 'approved')
    .where((eb) => eb.or([eb('merge_heartbeat_at', 'is', null), eb('merge_heartbeat_at', '<', cutoff)]))
    .orderBy('id')
    .limit(20)
    .execute();
  let taken = 0;
  for (const row of rows) {
    const change = toChangeRequest(row);
    const lease = newMergeLease();
    const claim = await stores.db
      .updateTable('change_requests')
      .set({ ...lease, version: change.version + 1, updated_at: nowIso() })
      .where('id', '=', change.id)
      .where('status', '=', 'approved')
      .where('version', '=', change.version)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another replica took it
    taken++;
    logger.warn({ change: change.id, lastHeartbeat: change.mergeHeartbeatAt, mergeCommit: change.mergeCommit }, 'a change request was left approved by a merge that stopped; finishing it');
    try {
      await finishStuck(stores, { ...change, version: change.version + 1 }, lease.merge_owner);
    } catch (error) {
      // The lease expires again and the next sweep retries.
      logger.error({ err: error, change: change.id }, 'could not finish a change request left approved');
    }
  }
  return taken;
}

async function finishStuck(stores: MergeStores, change: ChangeRequest, token: string): Promise<void> {
  const approver = await lastApprover(stores.db, change.id);
  if (!approver) {
    // Approved with no approval on record: nothing to merge on anyone's behalf.
    if (await finishMerge(stores.db, change.id, token, 'open', { status_reason: 'Its approval was not recorded; it needs to be approved again.' })) {
      await addChangeEvent(stores.db, { changeId: change.id, actor: { name: 'Berth', email: 'berth@meridiancare.example' }, kind: 'merge-refused', body: 'Its approval was not recorded; it needs to be approved again.' });
    }
    return;
  }
  if (change.mergeCommit) {
    await refreshFromRemote(stores.repo, configuredRemote(), 0);
    if ((await placeOfRevision(stores.repo, change.mergeCommit)) === 'on-branch') {
      // The merge landed; its replica stopped before recording it.
      if (await finishMerge(stores.db, change.id, token, 'merged', { merged_revision: change.mergeCommit, merge_commit: change.mergeCommit, status_reason: null })) {
        await addChangeEvent(stores.db, { changeId: change.id, actor: approver, kind: 'merged', body: change.mergeCommit });
        await audit(stores.db, approver, 'change.merge', change, { revision: change.mergeCommit, recovered: true });
      }
      return;
    }
  }
  await mergeApproved(stores, change, approver, token, { recovered: true });
}
