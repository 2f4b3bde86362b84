import Link from 'next/link';
import type { Session } from '@/lib/guides/schemas';
import { CheckIcon } from './check-icon';
import { formatSessionTime } from './dates';
import { SessionMaterials } from './session-materials';

export type SessionCardGuide = { slug: string; title: string; read: boolean };

/** One training session in the list: when, who, what, which guides, and its materials. */
export function SessionCard({ session, guides, past }: { session: Session; guides: SessionCardGuide[]; past: boolean }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="text-base font-semibold">
          <Link href={`/sessions/${session.id}`} className="text-slate-900 hover:text-brand-800">
            {session.title}
          </Link>
        </h3>
        <p className="text-sm text-slate-600">
          <time dateTime={session.date}>{formatSessionTime(session.date)}</time> · {session.durationMinutes} min
        </p>
      </div>
      <p className="text-sm text-slate-600">Presented by {session.presenter}</p>
      <p className="mt-2 text-sm text-slate-800">{session.summary}</p>
      <div className="mt-3 grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Agenda</h4>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-sm text-slate-700">
            {session.agenda.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ol>
        </div>
        <div className="space-y-3">
          <div>
            <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Guides covered</h4>
            {guides.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">No guide for this one.</p>
            ) : (
              <ul className="mt-1 space-y-0.5 text-sm">
                {guides.map((guide) => (
                  <li key={guide.slug} className="flex items-center gap-1.5">
                    <Link href={`/guides/${guide.slug}`}>{guide.title}</Link>
                    {guide.read ? (
                      <span className="inline-flex items-center text-emerald-700" title="You have read this guide">
                        <CheckIcon />
                        <span className="sr-only">(read)</span>
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <SessionMaterials session={session} past={past} />
        </div>
      </div>
    </li>
  );
}
