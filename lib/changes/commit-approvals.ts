import 'server-only';
// Which commits were approved, and by whom — read only from Berth's own records: a change request
// that Berth merged, matched to the commit Berth wrote for it. Never from a commit's text: a
// message can say anything, and the history pages, the app page and the timeline must not repeat it.
import type { BerthDb } from '@/lib/db/create-db';

export interface CommitApproval {
  changeId: number;
  approver: { name: string; email: string };
}

/** Kept below every database's limit on bound parameters. */
const CHUNK = 500;

export async function approvalsForCommits(db: BerthDb, revisions: readonly string[]): Promise<Map<string, CommitApproval>> {
  const approvals = new Map<string, CommitApproval>();
  const unique = [...new Set(revisions)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const merged = await db.selectFrom('change_requests').select(['id', 'merge_commit']).where('status', '=', 'merged').where('merge_commit', 'in', chunk).execute();
    if (merged.length === 0) continue;
    const ids = merged.map((row) => Number(row.id));
    // The approval that led to the merge is the request's last one (an update voids earlier ones,
    // and a refused merge returns the request to review).
    const events = await db
      .selectFrom('change_request_events')
      .select(['change_id', 'actor_name', 'actor_email'])
      .where('kind', '=', 'approved')
      .where('change_id', 'in', ids)
      .orderBy('id', 'asc')
      .execute();
    const approverOf = new Map(events.map((e) => [Number(e.change_id), { name: e.actor_name, email: e.actor_email }]));
    for (const row of merged) {
      const approver = approverOf.get(Number(row.id));
      if (row.merge_commit && approver) approvals.set(row.merge_commit, { changeId: Number(row.id), approver });
    }
  }
  return approvals;
}

/** The same commits, each with the approval Berth recorded for it (if any). */
export async function withApprovals<T extends { revision: string }>(db: BerthDb, commits: T[]): Promise<(T & { approval?: CommitApproval })[]> {
  const approvals = await approvalsForCommits(db, commits.map((c) => c.revision));
  return commits.map((commit) => {
    const approval = approvals.get(commit.revision);
    return approval ? { ...commit, approval } : commit;
  });
}
