import 'server-only';
// Staleness worked out when a request is looked at, not only when someone clicks Approve. A
// request whose file changed in the repository since its base can no longer merge as reviewed
// (the merge would refuse it as stale); until now it read "waiting for review" with an Approve
// button until a reviewer clicked it. Reading the file at the branch head is cheap, so every page
// that shows open requests first moves the ones the repository has overtaken to stale.
import type { BerthDb } from '@/lib/db/get-db';
import type { ConfigRepo } from '@/lib/gitops/config-repo';
import { headRevision, readFile } from '@/lib/gitops/read-repo';
import { logger } from '@/lib/logger/logger';
import type { ChangeRequest } from './change-request';
import { addChangeEvent, findChangeRequest, listChangeRequests, transitionChange } from './change-repository';

const BERTH = { name: 'Berth', email: 'berth@meridiancare.example' };

export function staleReason(change: { filePath: string }, head: string): string {
  return `${change.filePath} changed in the repository (now at ${head.slice(0, 7)}) after this request was made: it can no longer merge as reviewed. The author re-bases it in the editor.`;
}

/**
 * The request as it stands now: an open request whose file differs at the head from the version
 * it was made against is moved to stale (compare-and-set: a concurrent approval or update wins).
 * A head that already holds exactly the proposal is left alone: merging it records that commit.
 */
export async function refreshStaleness(db: BerthDb, repo: ConfigRepo, change: ChangeRequest, head?: string): Promise<ChangeRequest> {
  if (change.status !== 'open') return change;
  const at = head ?? (await headRevision(repo));
  if (at === change.baseRevision) return change;
  const text = (await readFile(repo, change.filePath, at)) ?? '';
  if (text === change.baseText || text === change.proposedText) return change;
  const reason = staleReason(change, at);
  if (await transitionChange(db, change, 'stale', { status_reason: reason })) {
    await addChangeEvent(db, { changeId: change.id, actor: BERTH, kind: 'stale', body: reason });
    logger.info({ change: change.id, head: at }, 'a change request went stale: its file changed since its base');
  }
  return (await findChangeRequest(db, change.id)) ?? change;
}

/** Every open request checked against the head (the lists and the inbox count read after this). */
export async function refreshOpenRequests(db: BerthDb, repo: ConfigRepo): Promise<void> {
  const open = await listChangeRequests(db, { statuses: ['open'], limit: 500 });
  if (open.length === 0) return;
  const head = await headRevision(repo);
  for (const change of open) await refreshStaleness(db, repo, change, head);
}
