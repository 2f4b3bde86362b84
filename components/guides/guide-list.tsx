import Link from 'next/link';
import type { GuideLevel } from '@/lib/guides/schemas';
import { CheckIcon } from './check-icon';
import { ConceptChips } from './concept-chips';
import { formatDay } from './dates';

export type GuideListItem = {
  slug: string;
  order: number;
  title: string;
  summary: string;
  level: GuideLevel;
  updated: string;
  aptible: string[];
  gcp: string[];
  session: { id: string; title: string } | null;
  /** When the signed-in person marked it read; null if not (or progress is unavailable). */
  readAt: string | null;
};

export const levelLabels: Record<GuideLevel, { title: string; description: string }> = {
  beginner: { title: 'Start here', description: 'What you did on Aptible and where it is now. Read these first.' },
  intermediate: { title: 'Day to day', description: 'Scaling, endpoints, logs, health checks, debugging access and databases.' },
  advanced: { title: 'Going deeper', description: 'Permissions and audit, and the cutover itself.' },
};

export function GuideList({ guides }: { guides: GuideListItem[] }) {
  const levels = (Object.keys(levelLabels) as GuideLevel[]).filter((level) => guides.some((g) => g.level === level));
  return (
    <div className="space-y-10">
      {levels.map((level) => (
        <section key={level} aria-labelledby={`level-${level}`}>
          <div className="mb-3">
            <h2 id={`level-${level}`} className="text-lg font-semibold text-slate-900">
              {levelLabels[level].title} <span className="text-sm font-normal capitalize text-slate-500">· {level}</span>
            </h2>
            <p className="text-sm text-slate-600">{levelLabels[level].description}</p>
          </div>
          <ol className="grid gap-3 lg:grid-cols-2 2xl:grid-cols-3" aria-label={`${levelLabels[level].title} guides`}>
            {guides
              .filter((guide) => guide.level === level)
              .map((guide) => (
                <GuideCard key={guide.slug} guide={guide} />
              ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function GuideCard({ guide }: { guide: GuideListItem }) {
  return (
    <li className="relative flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm focus-within:ring-2 focus-within:ring-brand-600">
      <div className="flex items-start gap-3">
        <span aria-hidden className="mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
          {guide.order}
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold leading-snug">
            <Link href={`/guides/${guide.slug}`} className="text-slate-900 hover:text-brand-800">
              {guide.title}
            </Link>
          </h3>
          <p className="mt-1 line-clamp-3 text-sm text-slate-700">{guide.summary}</p>
        </div>
        {guide.readAt ? (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-300">
            <CheckIcon /> Read
          </span>
        ) : null}
      </div>
      <ConceptChips aptible={guide.aptible} gcp={guide.gcp} limit={3} />
      <p className="mt-auto flex flex-wrap gap-x-3 gap-y-1 border-t border-slate-100 pt-2 text-xs text-slate-600">
        <span>Updated {formatDay(guide.updated)}</span>
        {guide.session ? (
          <span>
            Session: <Link href={`/sessions/${guide.session.id}`}>{guide.session.title}</Link>
          </span>
        ) : null}
      </p>
    </li>
  );
}
