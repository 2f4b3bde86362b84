import Link from 'next/link';
import type { DigestGroup } from '@/lib/feedback/digest';
import { feedbackKindLabels } from '@/lib/feedback/feedback-terms';
import { StatusBadge } from './feedback-badges';
import { aboutLabel } from './feedback-list';

/** A digest section's items, by team, then kind: the order the working group walks through them. */
export function DigestGroups({ groups, empty }: { groups: DigestGroup[]; empty: string }) {
  if (groups.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <div className="grid gap-4 lg:grid-cols-2 print:block">
      {groups.map((group) => (
        <section key={group.team ?? 'none'} aria-label={group.teamName} className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4 print:mb-3">
          <h3 className="font-semibold text-slate-900">
            {group.teamName} <span className="font-normal text-slate-500">{group.total}</span>
          </h3>
          {group.kinds.map(({ kind, items }) => (
            <div key={kind} className="mt-2">
              <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">{feedbackKindLabels[kind]}</h4>
              <ul className="mt-1 space-y-1 text-sm">
                {items.map((item) => {
                  const about = aboutLabel(item);
                  return (
                    <li key={item.id} className="flex flex-wrap items-baseline gap-x-2">
                      <Link href={`/feedback/${item.id}`}>{item.title}</Link>
                      <span className="text-slate-500">#{item.id}</span>
                      <StatusBadge status={item.status} />
                      {about ? <span className="font-mono text-xs text-slate-600">{about}</span> : null}
                      {item.votes > 0 ? <span className="text-xs text-slate-600">{item.votes} me too</span> : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
