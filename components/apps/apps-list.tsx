'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { HealthDots } from '@/components/status/health-dots';

export interface AppListItem {
  name: string;
  team: string;
  teamName: string;
  description: string;
  tier: string;
  environments: string[];
}

const tierLabel: Record<string, string> = {
  'patient-facing': 'patients',
  'provider-facing': 'providers',
  internal: 'internal',
};

export function AppsList({ apps, brokenApps, myTeam }: { apps: AppListItem[]; brokenApps: { name: string; configError: string }[]; myTeam: string | null }) {
  const [query, setQuery] = useState('');
  const [mineOnly, setMineOnly] = useState(false);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return apps
      .filter((app) => !mineOnly || app.team === myTeam)
      .filter((app) => !q || [app.name, app.teamName, app.description].some((s) => s.toLowerCase().includes(q)))
      .sort((a, b) => Number(b.team === myTeam) - Number(a.team === myTeam) || a.name.localeCompare(b.name));
  }, [apps, query, mineOnly, myTeam]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex min-w-64 flex-1 items-center gap-2">
          <span className="sr-only">Search apps</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search by name, team or description"
            className="w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          />
        </label>
        {myTeam ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} className="h-4 w-4" />
            Only my team&apos;s apps
          </label>
        ) : null}
        <p className="text-sm text-slate-600" aria-live="polite">
          {visible.length} of {apps.length} apps
        </p>
      </div>

      {visible.length === 0 ? (
        <EmptyState title="No apps match">Try another search{mineOnly ? ', or show every team’s apps' : ''}.</EmptyState>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2 2xl:grid-cols-3" aria-label="Apps">
          {visible.map((app) => (
            <li key={app.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/apps/${app.name}`} className="text-base font-semibold">
                  {app.name}
                </Link>
                {app.team === myTeam ? <Badge tone="brand">your team</Badge> : null}
                <Badge>{app.teamName}</Badge>
                <Badge tone="info">{tierLabel[app.tier] ?? app.tier}</Badge>
              </div>
              <p className="mt-2 line-clamp-2 text-sm text-slate-700">{app.description}</p>
              <p className="mt-2 text-xs text-slate-600">
                <span className="sr-only">Health per environment: </span>
                <HealthDots app={app.name} environments={app.environments} />
              </p>
            </li>
          ))}
        </ul>
      )}

      {brokenApps.length > 0 ? (
        <section aria-labelledby="broken-apps" className="rounded-lg border border-red-200 bg-red-50 p-4">
          <h2 id="broken-apps" className="font-semibold text-red-900">
            Apps with a configuration error
          </h2>
          <ul className="mt-2 space-y-1 text-sm text-red-900">
            {brokenApps.map((app) => (
              <li key={app.name}>
                <span className="font-mono">{app.name}</span>: {app.configError}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
