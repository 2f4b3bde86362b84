import Link from 'next/link';
import { AppsList } from '@/components/apps/apps-list';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { loadCatalog } from '@/lib/catalog/load-catalog';

export const metadata = { title: 'Apps' };

export default async function AppsPage() {
  const user = await requireUser('/apps');
  const catalog = await loadCatalog();
  const teamNames = Object.fromEntries(catalog.teams.map((t) => [t.id, t.name]));
  const apps = catalog.apps.map((app) => ({
    name: app.name,
    team: app.team,
    teamName: teamNames[app.team] ?? app.team,
    description: app.description,
    tier: app.tier,
    environments: app.environments,
  }));
  return (
    <>
      <PageHeader
        title="Apps"
        description={
          <>
            Every app deployed by the shared chart, from the config repository. <Link href="/teams">Teams and people →</Link>
          </>
        }
      />
      {catalog.problems.length > 0 ? (
        <div role="alert" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-medium">The config repository has problems:</p>
          <ul className="mt-1 list-disc pl-5">
            {catalog.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <AppsList apps={apps} brokenApps={catalog.brokenApps} myTeam={user.team} />
    </>
  );
}
