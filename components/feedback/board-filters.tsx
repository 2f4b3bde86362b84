import Link from 'next/link';
import type { FeedbackCatalog } from '@/lib/feedback/feedback-catalog';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, type FeedbackStatus, feedbackKindLabels, feedbackStatusLabels } from '@/lib/feedback/feedback-terms';
import type { BoardFilter } from '@/lib/feedback/schemas';
import { FilterSelect } from './form-field';

/** The board URL for a filter, leaving out defaults so links stay short. */
export function boardHref(filter: BoardFilter, change: Partial<BoardFilter> = {}, path = '/feedback'): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.status !== 'open') params.set('status', next.status);
  for (const key of ['kind', 'team', 'app', 'session', 'guide'] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  if (next.sort !== 'newest') params.set('sort', next.sort);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function StatusTabs({ filter, counts }: { filter: BoardFilter; counts: Record<FeedbackStatus, number> }) {
  const open = counts.new + counts.triaged + counts['in-progress'];
  const all = FEEDBACK_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const tabs: { value: BoardFilter['status']; label: string; count: number }[] = [
    { value: 'open', label: 'Open', count: open },
    ...FEEDBACK_STATUSES.map((s) => ({ value: s, label: feedbackStatusLabels[s], count: counts[s] })),
    { value: 'all', label: 'All', count: all },
  ];
  return (
    <nav aria-label="Status" className="mb-4 overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200">
        {tabs.map((tab) => {
          const current = filter.status === tab.value;
          return (
            <li key={tab.value}>
              <Link
                href={boardHref(filter, { status: tab.value })}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm no-underline hover:no-underline ${
                  current ? 'border-brand-700 font-medium text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900'
                }`}
              >
                {tab.label} <span className="tabular-nums text-slate-500">{tab.count}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A plain GET form: filters live in the URL, so a filtered board can be shared in the meeting's chat. */
export function BoardFilters({ filter, catalog }: { filter: BoardFilter; catalog: FeedbackCatalog }) {
  const active = Boolean(filter.kind || filter.team || filter.app || filter.session || filter.guide);
  const select = (name: string, label: string, value: string | undefined, options: { value: string; label: string }[], any: string) => (
    <FilterSelect id={`filter-${name}`} name={name} label={label} value={value} options={options} any={any} />
  );
  return (
    <form method="get" action="/feedback" aria-label="Filter feedback" className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
      {filter.status !== 'open' ? <input type="hidden" name="status" value={filter.status} /> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 2xl:grid-cols-6">
        {select('kind', 'Kind', filter.kind, FEEDBACK_KINDS.map((k) => ({ value: k, label: feedbackKindLabels[k] })), 'Any kind')}
        {select('team', 'Team', filter.team, catalog.teams.map((t) => ({ value: t.id, label: t.name })), 'Any team')}
        {select('app', 'App', filter.app, catalog.apps.map((a) => ({ value: a.name, label: a.name })), 'Any app')}
        {select('session', 'Session', filter.session, catalog.sessions.map((s) => ({ value: s.id, label: s.title })), 'Any session')}
        {select('guide', 'Guide', filter.guide, catalog.guides.map((g) => ({ value: g.slug, label: g.title })), 'Any guide')}
        {select('sort', 'Order', filter.sort === 'newest' ? undefined : filter.sort, [{ value: 'votes', label: 'Most “me too” first' }], 'Newest first')}
      </div>
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          Apply filters
        </button>
        {active || filter.sort !== 'newest' ? (
          <Link href={boardHref({ status: filter.status, sort: 'newest' })} className="text-sm">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
