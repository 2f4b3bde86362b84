import Link from 'next/link';
import type { CommitApproval } from '@/lib/changes/commit-approvals';
import type { CommitSummary } from '@/lib/gitops/history';
import { RelativeTime } from '@/components/ui/relative-time';

export function CommitList({ commits }: { commits: (CommitSummary & { approval?: CommitApproval })[] }) {
  if (commits.length === 0) return <p className="mt-2 text-sm text-slate-600">No commits touch this app yet.</p>;
  return (
    <ol className="mt-2 space-y-3" aria-label="Commits">
      {commits.map((c) => (
        <li key={c.revision} className="text-sm">
          <p className="font-medium text-slate-900">{c.subject}</p>
          <p className="text-xs text-slate-600">
            <span className="font-mono">{c.shortRevision}</span> · {c.author.name} · <RelativeTime iso={c.time} />
            {c.approval ? (
              <>
                {' '}
                · approved by {c.approval.approver.name} in <Link href={`/changes/${c.approval.changeId}`}>#{c.approval.changeId}</Link>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
