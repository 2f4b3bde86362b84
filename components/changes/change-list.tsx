import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ChangeRequest } from '@/lib/changes/change-request';
import { ChangeStatusBadge } from './change-status-badge';

export function ChangeList({ label, changes, empty }: { label: string; changes: ChangeRequest[]; empty: string }) {
  if (changes.length === 0) return <EmptyState title={empty} />;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={label}>
      {changes.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div className="min-w-0">
            <Link href={`/changes/${c.id}`} className="font-medium">
              #{c.id} {c.title}
            </Link>
            <p className="text-sm text-slate-600">
              {c.app} · <span className="font-mono text-xs">{c.fileName}</span> · {c.author.name} · <RelativeTime iso={c.updatedAt} />
            </p>
          </div>
          <ChangeStatusBadge status={c.status} />
        </li>
      ))}
    </ul>
  );
}
