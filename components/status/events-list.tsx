import type { StatusEvent } from '@/lib/kube/app-status';
import { formatTime } from '@/lib/text/format-time';
import { formatAgo } from './format-time';

export function EventsList({ events, now, label, empty }: { events: StatusEvent[]; now: number; label: string; empty: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 text-sm">
      {events.map((event) => (
        <li key={`${event.object.kind}/${event.object.name}/${event.reason}/${event.message}`} className={`py-1.5 ${event.note === 'pod-gone' ? 'opacity-70' : ''}`}>
          <div className="flex flex-wrap items-baseline gap-x-2">
            <span className={`font-medium ${event.type === 'Warning' ? 'text-amber-800' : 'text-slate-700'}`}>
              {event.type === 'Warning' ? <span className="sr-only">Warning: </span> : null}
              {event.reason}
            </span>
            <span className="font-mono text-xs text-slate-500">
              {event.object.kind} {event.object.name}
            </span>
            {event.note === 'pod-gone' ? <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">pod no longer exists</span> : null}
            {event.note === 'expected-while-starting' ? (
              <span className="rounded bg-sky-50 px-1.5 text-xs text-sky-900 ring-1 ring-inset ring-sky-200" title="The start-up probe allows this many failures while the app starts.">
                expected while the app starts
              </span>
            ) : null}
            <span className="ml-auto text-xs text-slate-500">
              {event.count > 1 ? `×${event.count}, ` : ''}
              {event.lastSeen ? (
                <time dateTime={event.lastSeen} title={formatTime(event.lastSeen)}>
                  {formatAgo(event.lastSeen, now)}
                </time>
              ) : null}
            </span>
          </div>
          <p className="break-words text-slate-700">{event.message}</p>
        </li>
      ))}
    </ul>
  );
}
