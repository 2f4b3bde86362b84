import Link from 'next/link';
import { z } from 'zod';
import { BurnupChart } from '@/components/migration/burnup-chart';
import { MigrationBoard } from '@/components/migration/migration-board';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { getMigrationBoard } from '@/lib/migration/load-board';

export const metadata = { title: 'Migration' };

const searchSchema = z.object({ team: z.string().regex(/^[a-z0-9-]{1,63}$/).optional().catch(undefined) });

export default async function MigrationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('/migration');
  const { team } = searchSchema.parse(await searchParams);
  const board = await getMigrationBoard(user, { team: team || null });
  const description = (
    <>
      Where each app stands in its move from Aptible to GKE, what it is waiting for and who. States live in each app’s{' '}
      <code>migration.yaml</code> in the config repository; the chart is drawn from its git history. <Link href="/guides/cutover">How a cutover goes →</Link>
    </>
  );
  if (!board.ok) {
    return (
      <>
        <PageHeader title="Migration" description={description} />
        <EmptyState title={board.error.message} action={<Link href="/migration">Show every team</Link>} />
      </>
    );
  }
  const { apps, teams, burnup, alarms } = board.data;
  const moving = apps.filter((a) => a.state !== null);
  const done = moving.filter((a) => a.state === 'gke-100' || a.state === 'aptible-deprovisioned').length;
  return (
    <>
      <PageHeader title="Migration" description={description} />
      <form method="get" action="/migration" className="mb-4 flex flex-wrap items-end gap-2">
        <label htmlFor="team-filter" className="text-sm font-medium text-slate-800">
          Team
        </label>
        <select id="team-filter" name="team" defaultValue={board.data.team ?? ''} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">Every team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
        </select>
        <Button type="submit" variant="secondary">
          Show
        </Button>
        <p className="text-sm text-slate-600" role="status">
          {moving.length === 0 ? 'No app of these is moving from Aptible.' : `${done} of ${moving.length} app${moving.length === 1 ? '' : 's'} fully on GKE.`}
        </p>
      </form>
      {alarms.length > 0 ? (
        <div role="alert" className="mb-4 rounded-md border-2 border-red-600 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">A rollback cannot reach Envoy: GKE still has traffic Berth tried to take back. Berth keeps retrying.</p>
          <ul className="mt-1 list-disc pl-5">
            {alarms.map((a) => (
              <li key={a.stepId}>
                <Link href={`/apps/${a.app}/migration#cutover`}>{a.app}</Link>: back from {a.share} % failing since {a.failingSince.slice(0, 16).replace('T', ' ')} UTC ({a.attempts} attempt{a.attempts === 1 ? '' : 's'}): {a.error}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <MigrationBoard apps={apps} />
      <section aria-labelledby="burnup" className="mt-8 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="burnup" className="font-semibold text-slate-900">
          Burn-up: {teams.find((t) => t.id === board.data.team)?.name ?? 'every team'}
        </h2>
        {'error' in burnup ? (
          <p role="alert" className="mt-2 text-sm text-red-800">
            The history of the migration files cannot be read: {burnup.error}
          </p>
        ) : burnup.points.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No migration.yaml has been committed yet: the chart starts with the first.</p>
        ) : (
          <BurnupChart points={burnup.points} now={new Date().toISOString()} truncated={burnup.truncated} />
        )}
      </section>
    </>
  );
}
