import Link from 'next/link';
import { FilterSelect, inputClass } from '@/components/feedback/form-field';
import { ACTIVITY_KINDS, activityKindLabels } from '@/lib/activity/activity-kinds';
import type { ActivityReportPage } from '@/lib/activity/get-activity-report';
import { ENVIRONMENT_NAMES } from '@/lib/catalog/app-name';

type Filters = ActivityReportPage['filters'];

/** The report's URL for a filter; `week` always, so a shared link shows the same week later. */
export function activityHref(filters: Filters, change: Partial<Filters> = {}, path = '/activity'): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams({ environment: next.environment, week: next.week });
  for (const key of ['kind', 'app', 'person'] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  return `${path}?${params.toString()}`;
}

/** A plain GET form: works without JavaScript and by keyboard, and the URL can go in a ticket. */
export function ActivityFilters({ filters, choices, fieldError }: { filters: Filters; choices: ActivityReportPage['choices']; fieldError?: string }) {
  const people = choices.people.some((p) => p.email === filters.person) || !filters.person ? choices.people : [{ email: filters.person, name: filters.person }, ...choices.people];
  const select = (name: string, label: string, value: string | undefined, options: { value: string; label: string }[], any?: string) => (
    <FilterSelect id={`activity-${name}`} name={name} label={label} value={value} options={options} any={any} />
  );
  const active = Boolean(filters.kind || filters.app || filters.person);
  return (
    <form method="get" action="/activity" aria-label="Filter the activity report" className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {select('environment', 'Environment', filters.environment, ENVIRONMENT_NAMES.map((e) => ({ value: e, label: e })))}
        <div>
          <label htmlFor="activity-week" className="block text-xs font-medium text-slate-700">
            Week <span className="font-normal text-slate-500">(e.g. 2026-W49)</span>
          </label>
          <input
            id="activity-week"
            name="week"
            type="week"
            defaultValue={filters.week}
            pattern="\d{4}-W\d{2}"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'activity-week-error' : undefined}
            className={`${inputClass} mt-1`}
          />
          {fieldError ? (
            <p id="activity-week-error" className="mt-1 text-xs text-red-700">
              {fieldError}
            </p>
          ) : null}
        </div>
        {select('kind', 'Kind of event', filters.kind, ACTIVITY_KINDS.map((k) => ({ value: k, label: activityKindLabels[k] })), 'Every kind')}
        {select('app', 'App', filters.app, choices.apps.map((a) => ({ value: a, label: a })), 'Every app')}
        {select('person', 'Person', filters.person, people.map((p) => ({ value: p.email, label: p.name === p.email ? p.email : `${p.name} (${p.email})` })), 'Everyone')}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
          Show
        </button>
        {active ? (
          <Link href={activityHref({ environment: filters.environment, week: filters.week })} className="text-sm">
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
