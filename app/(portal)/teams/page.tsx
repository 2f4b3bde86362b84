import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { loadCatalog } from '@/lib/catalog/load-catalog';

export const metadata = { title: 'Teams' };

export default async function TeamsPage() {
  const user = await requireUser('/teams');
  const catalog = await loadCatalog();
  return (
    <>
      <PageHeader title="Teams" description="Who owns which app, from teams.yaml in the config repository. Ask in #platform-help to be added or moved." />
      <ul className="grid gap-4 lg:grid-cols-2">
        {catalog.teams.map((team) => {
          const apps = catalog.apps.filter((a) => a.team === team.id);
          return (
            <li key={team.id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold text-slate-900">
                {team.name} {team.id === user.team ? <span className="text-sm font-normal text-brand-700">(your team)</span> : null}
              </h2>
              <p className="mt-1 text-sm text-slate-700">{team.description}</p>
              {team.chat ? <p className="mt-1 text-sm text-slate-600">Chat: {team.chat}</p> : null}
              <h3 className="mt-3 text-sm font-medium text-slate-900">People</h3>
              <ul className="mt-1 text-sm">
                {team.members.map((m) => (
                  <li key={m.email} className="flex justify-between gap-2">
                    <span className="min-w-0 wrap-anywhere">
                      {m.name} <span className="text-slate-500">{m.email}</span>
                    </span>
                    <span className="text-slate-600">{m.role}</span>
                  </li>
                ))}
              </ul>
              <h3 className="mt-3 text-sm font-medium text-slate-900">Apps</h3>
              {apps.length === 0 ? (
                <p className="text-sm text-slate-600">No apps.</p>
              ) : (
                <ul className="mt-1 flex flex-wrap gap-2 text-sm">
                  {apps.map((a) => (
                    <li key={a.name}>
                      <Link href={`/apps/${a.name}`}>{a.name}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
