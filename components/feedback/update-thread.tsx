import { RelativeTime } from '@/components/ui/relative-time';
import { describeFeedbackLink, type FeedbackLink } from '@/lib/feedback/feedback-link';
import { type FeedbackStatus, feedbackStatusLabels } from '@/lib/feedback/feedback-terms';
import type { FeedbackUpdate } from '@/lib/feedback/types';
import { MarkdownText } from './markdown-text';
import { formatDate, formatTime } from '@/lib/text/format-time';

const statusLabel = (value: string | null) => (value ? (feedbackStatusLabels[value as FeedbackStatus] ?? value) : '');

export function FeedbackLinkTarget({ link }: { link: FeedbackLink }) {
  if (link.type === 'url') {
    return (
      <a href={link.url} rel="nofollow noreferrer" className="break-all">
        {describeFeedbackLink(link)}
      </a>
    );
  }
  return <span className="font-mono">{describeFeedbackLink(link)}</span>;
}

/** One line for everything that is not a comment. */
function describeEvent(update: FeedbackUpdate, where: string) {
  switch (update.kind) {
    case 'filed':
      return <>filed this</>;
    case 'edited':
      return <>edited the {update.body ?? 'text'}</>;
    case 'status':
      return (
        <>
          changed the status from <strong>{statusLabel(update.from)}</strong> to <strong>{statusLabel(update.to)}</strong>
        </>
      );
    case 'owner':
      return update.to ? (
        <>
          assigned it to <strong>{update.to}</strong>
        </>
      ) : (
        <>removed the owner</>
      );
    case 'known-issue':
      return update.to === 'yes' ? <>marked it as a known issue, shown on {where}</> : <>took the known-issue banner down</>;
    case 'link':
      return update.link ? (
        <>
          linked <FeedbackLinkTarget link={update.link} />
        </>
      ) : (
        <>linked {update.body}</>
      );
    default:
      return <>updated it</>;
  }
}

/** The item's timeline: comments as cards, everything else as a quiet line between them. */
export function UpdateThread({ updates, where }: { updates: FeedbackUpdate[]; where: string }) {
  return (
    <ol aria-label="Thread" className="space-y-3">
      {updates.map((update) =>
        update.kind === 'comment' ? (
          <li key={update.id}>
            <article aria-label={`Comment by ${update.actor.name}`} className="rounded-lg border border-slate-200 bg-white">
              <header className="flex flex-wrap items-baseline gap-x-2 border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm">
                <span className="font-medium text-slate-900">{update.actor.name}</span>
                <span className="text-slate-500">
                  commented <RelativeTime iso={update.createdAt} />
                </span>
              </header>
              <div className="px-4 py-3">
                <MarkdownText text={update.body ?? ''} />
              </div>
            </article>
          </li>
        ) : (
          <li key={update.id} className="flex gap-2 pl-4 text-sm text-slate-600">
            <span aria-hidden className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-slate-400" />
            <p>
              <span className="font-medium text-slate-800">{update.actor.name}</span> {describeEvent(update, where)} ·{' '}
              <RelativeTime iso={update.createdAt} />
            </p>
          </li>
        ),
      )}
    </ol>
  );
}

/** Just the status changes, for the side panel. */
export function StatusHistory({ updates }: { updates: FeedbackUpdate[] }) {
  const changes = updates.filter((u) => u.kind === 'filed' || u.kind === 'status');
  return (
    <ol aria-label="Status history" className="space-y-2 text-sm">
      {changes.map((u) => (
        <li key={u.id} className="flex items-baseline justify-between gap-2">
          <span>
            <span className="font-medium text-slate-900">{statusLabel(u.to ?? 'new')}</span>
            <span className="text-slate-600"> · {u.actor.name}</span>
          </span>
          <span className="shrink-0 text-xs text-slate-500">
            <time dateTime={u.createdAt} title={formatTime(u.createdAt)}>
              {formatDate(u.createdAt)}
            </time>
          </span>
        </li>
      ))}
    </ol>
  );
}
