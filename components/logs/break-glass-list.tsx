import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import type { BreakGlassNotice } from '@/lib/logs/break-glass-notices';

/** Break-glass reads, newest first: who, which app and environment, why, and until when. */
export function BreakGlassList({ notices, showApp, label }: { notices: BreakGlassNotice[]; showApp: boolean; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {notices.map((n) => (
        <li key={n.id} className="py-2 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{n.name}</span>
            <span className="text-slate-600">
              ({n.team ? `${n.team} team` : 'no team'}) broke glass on {showApp ? `${n.app} ` : ''}
              {n.environment} logs <RelativeTime iso={n.createdAt} />
            </span>
            {n.active ? <Badge tone="warn">reading until {n.expiresAt.slice(11, 16)} UTC</Badge> : <Badge>ended</Badge>}
            {n.seen ? null : <Badge tone="bad">new</Badge>}
          </p>
          <p className="mt-0.5 text-slate-700">“{n.reason}”</p>
        </li>
      ))}
    </ul>
  );
}
