import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/relative-time';
import type { FeedbackItem } from '@/lib/feedback/types';
import { KindBadge, SeverityBadge, StatusBadge } from './feedback-badges';

/** What an item is about, in a few words: "scheduler · production", "guide config-vars". */
export function aboutLabel(item: Pick<FeedbackItem, 'app' | 'environment' | 'guide' | 'session' | 'page'>): string | null {
  if (item.app) return item.environment ? `${item.app} · ${item.environment}` : item.app;
  if (item.guide) return `guide ${item.guide}`;
  if (item.session) return `session ${item.session}`;
  return null;
}

export function FeedbackList({
  items,
  teamNames,
  label = 'Feedback',
  unread,
}: {
  items: FeedbackItem[];
  teamNames: Record<string, string>;
  label?: string;
  /** Unread updates per item id (My feedback). */
  unread?: Record<number, number>;
}) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {items.map((item) => {
        const about = aboutLabel(item);
        const news = unread?.[item.id] ?? 0;
        return (
          <li key={item.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <Link href={`/feedback/${item.id}`} className="font-medium text-slate-900">
                  {item.title}
                </Link>
                <span className="text-sm text-slate-500">#{item.id}</span>
                {news > 0 ? <Badge tone="bad">{news === 1 ? '1 new update' : `${news} new updates`}</Badge> : null}
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-1.5">
                <StatusBadge status={item.status} />
                <KindBadge kind={item.kind} />
                {item.severity ? <SeverityBadge severity={item.severity} /> : null}
                {item.knownIssue ? <Badge tone="warn">Known issue</Badge> : null}
                {item.workedOnAptible ? <Badge tone="info">Worked on Aptible</Badge> : null}
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {about ? <span className="font-mono">{about}</span> : null}
                {about ? ' · ' : null}
                {item.reporter.name}
                {item.team ? ` for ${teamNames[item.team] ?? item.team}` : ''} · <RelativeTime iso={item.createdAt} />
                {item.owner ? ` · owner ${item.owner.name}` : ''}
              </p>
            </div>
            <p className="flex shrink-0 gap-3 text-xs text-slate-600 sm:flex-col sm:items-end sm:gap-0.5">
              <span>{item.votes === 1 ? '1 me too' : `${item.votes} me too`}</span>
              <span>{item.comments === 1 ? '1 comment' : `${item.comments} comments`}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
