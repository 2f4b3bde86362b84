import 'server-only';
import { evaluateValuesChange, MAX_VALUES_BYTES } from '@/lib/values-files/evaluate-values-change';
import { configuredRemote, resolveValuesTarget } from '@/lib/values-files/save-values';
import { needsApproval, type ValuesFileName } from '@/lib/values-files/values-file';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { decide } from '@/lib/auth/policy';
import type { BerthUser } from '@/lib/auth/user';
import type { App } from '@/lib/catalog/types';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { placeOfRevision } from '@/lib/gitops/on-branch';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { refreshFromRemote } from '@/lib/gitops/remote-sync';
import { fail, ok, type Result } from '@/lib/result/result';
import type { ValuesProblem } from '@/lib/values';
import { type ChangeDeps, type ChangeStores, changeStores } from './change-deps';
import type { ChangeRequest } from './change-request';
import { addChangeEvent, findChangeRequest, findOpenRequestForDiff, transitionChange } from './change-repository';
import { changeDiffHash } from './diff-hash';
import { type ChangeResult, mergeApproved, newMergeLease } from './merge-change';
import { nextStatus } from './state-machine';
import { refreshStaleness } from './mark-stale';

export type { ChangeDeps, ChangeResult };

const noSuchRequest = () => fail('not-found', 'There is no such change request.');

async function audit(stores: ChangeStores, user: { email: string }, action: string, change: { id: number; app: string }, details: Record<string, unknown> = {}) {
  await recordAuditEvent(stores.db, { actor: user.email, action, target: `change:${change.id}`, details: { app: change.app, ...details } });
}

export interface RequestChangeInput {
  app: string;
  file: ValuesFileName;
  text: string;
  baseRevision: string;
  message: string;
}

/** Open a change request for a file production reads: the proposal, its diff, effects and validation. */
export async function requestChange(user: BerthUser, input: RequestChangeInput, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  if (Buffer.byteLength(input.text, 'utf8') > MAX_VALUES_BYTES) {
    return fail('too-large', `A values file can be at most ${MAX_VALUES_BYTES / 1024} KiB.`);
  }
  const resolved = await resolveValuesTarget(input.app, input.file, stores.repo);
  if (!resolved.ok) return resolved;
  const { app, target, environments } = resolved.data;
  const decision = decide(user, 'values.requestChange', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (!needsApproval(target, environments)) return fail('invalid', `${target.name} needs no approval: save it directly.`);

  const proposal = await buildProposal(stores, app, target, input.text, input.baseRevision, environments);
  if (!proposal.ok) return proposal;

  // The same proposal already waiting (a second click, a second tab, a retry): point to it. The
  // database's unique index on open requests' diff hash settles two submissions racing here.
  const waiting = await findOpenRequestForDiff(stores.db, proposal.data.diffHash);
  if (waiting) return alreadyRequested(waiting);

  const now = new Date().toISOString();
  let inserted;
  try {
    inserted = await stores.db
      .insertInto('change_requests')
      .values({
        app: app.name,
        file_name: target.name,
        file_path: target.path,
        environments: JSON.stringify(target.affects),
        title: input.message.trim() || `Update ${target.path}`,
        author_email: user.email,
        author_name: user.name,
        ...proposalColumns(proposal.data, input),
        status: 'open',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (error) {
    return alreadyRequested(await requestRacedBy(stores, error, proposal.data.diffHash));
  }
  const id = Number(inserted.id);
  await addChangeEvent(stores.db, { changeId: id, actor: user, kind: 'opened', diffHash: proposal.data.diffHash });
  await audit(stores, user, 'change.request', { id, app: app.name }, { file: target.path, diffHash: proposal.data.diffHash });
  return ok((await findChangeRequest(stores.db, id))!);
}

function alreadyRequested(existing: ChangeRequest): ChangeResult {
  return fail('conflict', `Change request #${existing.id} already proposes exactly this change; nothing new was opened.`, { details: { existing: existing.id } });
}

/**
 * The open request that won when a write of this diff failed on the unique index of open
 * requests' diff hashes (another submission got there first); any other failure is thrown on.
 */
async function requestRacedBy(stores: ChangeStores, error: unknown, diffHash: string): Promise<ChangeRequest> {
  const raced = isUniqueViolation(error) ? await findOpenRequestForDiff(stores.db, diffHash) : null;
  if (!raced) throw error;
  return raced;
}

interface Proposal {
  baseText: string;
  evaluation: Awaited<ReturnType<typeof evaluateValuesChange>>;
  diffHash: string;
}

/** What a request stores of its proposal, the same when it is opened and when it is updated. */
function proposalColumns(proposal: Proposal, input: { text: string; baseRevision: string }) {
  return {
    base_revision: input.baseRevision,
    base_text: proposal.baseText,
    proposed_text: input.text,
    diff_hash: proposal.diffHash,
    evaluation: JSON.stringify(proposal.evaluation),
  };
}

async function buildProposal(
  stores: ChangeStores,
  app: App,
  target: { path: string; name: ValuesFileName; affects: App['environments'] },
  text: string,
  baseRevision: string,
  environments: Parameters<typeof evaluateValuesChange>[5],
): Promise<Result<Proposal, { problems: ValuesProblem[] }>> {
  // The base must be a commit of the branch: otherwise the reviewer's diff would be against
  // nothing (the whole file shown as added) or against history the branch never had.
  let place = await placeOfRevision(stores.repo, baseRevision);
  if (place !== 'on-branch' && configuredRemote()) {
    // Another replica may have committed it: this clone catches up first.
    await refreshFromRemote(stores.repo, configuredRemote(), 0);
    place = await placeOfRevision(stores.repo, baseRevision);
  }
  if (place === 'missing') return fail('invalid', `The revision your edit started from (${baseRevision.slice(0, 12)}) is not in the config repository: reload the editor and make the change again.`);
  if (place === 'not-on-branch') return fail('invalid', `The revision your edit started from (${baseRevision.slice(0, 12)}) is not part of the ${stores.repo.branch} branch: reload the editor and make the change again.`);
  const baseText = await readFile(stores.repo, target.path, baseRevision);
  if ((baseText ?? '') === text) return fail('invalid', 'The proposal is the same as the file: nothing to review.');
  // Evaluated against the head it would land on now; evaluated again at merge time.
  const evaluation = await evaluateValuesChange(stores.repo, app, target, text, await headRevision(stores.repo), environments);
  // Opening and updating refuse alike: a request with problems is never stored.
  if (!evaluation.ok) return fail('invalid', 'The proposal has problems; nothing was requested.', { details: { problems: evaluation.problems } });
  const diffHash = changeDiffHash({ baseRevision, filePath: target.path, baseText: baseText ?? '', proposedText: text });
  return ok({ baseText: baseText ?? '', evaluation, diffHash });
}

/** The author re-bases or edits the proposal. Earlier approvals no longer count (new diff hash). */
export async function updateChangeRequest(user: BerthUser, input: { id: number; text: string; baseRevision: string }, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  const change = await findChangeRequest(stores.db, input.id);
  if (!change) return noSuchRequest();
  if (change.author.email !== user.email) return fail('forbidden', 'Only the author can change the proposal.');
  if (!nextStatus(change.status, 'update')) return fail('conflict', `This change request is ${change.status}.`);
  const resolved = await resolveValuesTarget(change.app, change.fileName as ValuesFileName, stores.repo);
  if (!resolved.ok) return resolved;
  const { app, target, environments } = resolved.data;
  const proposal = await buildProposal(stores, app, target, input.text, input.baseRevision, environments);
  if (!proposal.ok) return proposal;
  const duplicate = await findOpenRequestForDiff(stores.db, proposal.data.diffHash);
  if (duplicate && duplicate.id !== change.id) return alreadyRequested(duplicate);
  let result;
  try {
    result = await stores.db
      .updateTable('change_requests')
      .set({
        ...proposalColumns(proposal.data, input),
        status: 'open',
        status_reason: null,
        version: change.version + 1,
        updated_at: new Date().toISOString(),
      })
      .where('id', '=', change.id)
      .where('version', '=', change.version)
      .executeTakeFirst();
  } catch (error) {
    return alreadyRequested(await requestRacedBy(stores, error, proposal.data.diffHash));
  }
  if (Number(result.numUpdatedRows) !== 1) return fail('conflict', 'Someone acted on this change request meanwhile; reload it.');
  await addChangeEvent(stores.db, { changeId: change.id, actor: user, kind: 'updated', diffHash: proposal.data.diffHash });
  await audit(stores, user, 'change.update', change, { diffHash: proposal.data.diffHash });
  return ok((await findChangeRequest(stores.db, change.id))!);
}

/**
 * Approve the exact diff the reviewer saw, then merge it through commitChange with the
 * requester as author and an Approved-by trailer. Racing approvals on several replicas merge once:
 * only the caller whose compare-and-set moves the request from open to approved merges it.
 */
export async function approveChange(user: BerthUser, input: { id: number; diffHash: string; comment?: string }, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  const found = await changeWithApp(stores, input.id);
  if (!found.ok) return found;
  const { change, app } = found.data;
  const decision = decide(user, 'change.approve', { app, authorEmail: change.author.email });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (change.status !== 'open') return fail('conflict', `This change request is ${change.status}; it cannot be approved.`);
  // Overtaken by the repository since the page loaded: say so instead of approving what cannot merge.
  const current = await refreshStaleness(stores.db, stores.repo, change);
  if (current.status !== 'open') return fail('conflict', `This change request is ${current.status}: ${current.statusReason ?? 'reload it'}`);
  if (input.diffHash !== change.diffHash) {
    return fail('conflict', 'The proposal changed after you reviewed it: review the new diff and approve again.');
  }
  // The approval and the merge lease in one compare-and-set: whoever wins merges (merge-change.ts).
  const lease = newMergeLease();
  const won = await transitionChange(stores.db, { ...change, diffHash: input.diffHash }, 'approved', lease);
  if (!won) return fail('conflict', 'Someone acted on this change request at the same time; reload it.');
  await addChangeEvent(stores.db, { changeId: change.id, actor: user, kind: 'approved', body: input.comment ?? null, diffHash: input.diffHash });
  await audit(stores, user, 'change.approve', change, { diffHash: input.diffHash });
  return mergeApproved(stores, { ...change, status: 'approved', version: change.version + 1 }, user, lease.merge_owner);
}

export async function rejectChange(user: BerthUser, input: { id: number; comment: string }, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  const found = await changeWithApp(stores, input.id);
  if (!found.ok) return found;
  const { change, app } = found.data;
  const decision = decide(user, 'change.approve', { app, authorEmail: change.author.email });
  if (!decision.allowed) return fail('forbidden', decision.reason.replace('approve', 'reject'));
  if (!nextStatus(change.status, 'reject') || !(await transitionChange(stores.db, change, 'rejected', { status_reason: input.comment }))) {
    return fail('conflict', `This change request is ${change.status}; it cannot be rejected.`);
  }
  await addChangeEvent(stores.db, { changeId: change.id, actor: user, kind: 'rejected', body: input.comment });
  await audit(stores, user, 'change.reject', change);
  return ok((await findChangeRequest(stores.db, change.id))!);
}

export async function withdrawChange(user: BerthUser, input: { id: number }, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  const change = await findChangeRequest(stores.db, input.id);
  if (!change) return noSuchRequest();
  const decision = decide(user, 'change.withdraw', { authorEmail: change.author.email });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  if (!nextStatus(change.status, 'withdraw') || !(await transitionChange(stores.db, change, 'withdrawn'))) {
    return fail('conflict', `This change request is ${change.status}; it cannot be withdrawn.`);
  }
  await addChangeEvent(stores.db, { changeId: change.id, actor: user, kind: 'withdrawn' });
  await audit(stores, user, 'change.withdraw', change);
  return ok((await findChangeRequest(stores.db, change.id))!);
}

export async function commentOnChange(user: BerthUser, input: { id: number; body: string }, deps: ChangeDeps = {}): Promise<ChangeResult> {
  const stores = await changeStores(deps);
  const found = await changeWithApp(stores, input.id);
  if (!found.ok) return found;
  const { change, app } = found.data;
  const decision = decide(user, 'change.comment', { app });
  if (!decision.allowed) return fail('forbidden', decision.reason);
  await addChangeEvent(stores.db, { changeId: change.id, actor: user, kind: 'comment', body: input.body });
  await audit(stores, user, 'change.comment', change);
  return ok(change);
}

/** The request and its app, which the policy needs to say who may approve, reject or discuss it. */
async function changeWithApp(stores: ChangeStores, id: number): Promise<Result<{ change: ChangeRequest; app: App }, never>> {
  const change = await findChangeRequest(stores.db, id);
  if (!change) return noSuchRequest();
  const resolved = await resolveValuesTarget(change.app, change.fileName as ValuesFileName, stores.repo);
  if (!resolved.ok) return fail('not-found', `The app ${change.app} no longer exists.`);
  return ok({ change, app: resolved.data.app });
}
