// The Migration section of the app page: where the app stands, and the way to its migration page
// (readiness, parity with Aptible, the cutover ladder).
import Link from 'next/link';
import type { AppMigration } from '@/lib/migration/read-migrations';
import { describeState } from '@/lib/migration/migration-states';

export function AppMigrationSection({ app, migration, fromAptible }: { app: string; migration: AppMigration; fromAptible: boolean }) {
  if (migration.status === 'absent' && !fromAptible) return null;
  const file = migration.status === 'ok' ? migration.migration : null;
  return (
    <section aria-labelledby="migration" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="migration" className="font-semibold text-slate-900">
        Migration from Aptible
      </h2>
      {migration.status === 'invalid' ? (
        <p role="alert" className="mt-1 text-sm text-red-800">
          migration.yaml cannot be read (line {migration.problems[0]?.line}: {migration.problems[0]?.message}).
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">{describeState(file?.state ?? 'aptible-only').label}</span>
          {file?.state === 'cutover' ? ` — GKE has ${file.gkeShare ?? 0} % of the traffic` : ''}
          {migration.status === 'absent' ? ' (no migration.yaml yet)' : ''}.
          {file?.validatedInStage ? ` Validated in stage by ${file.validatedInStage.by} on ${file.validatedInStage.at}.` : ''}
        </p>
      )}
      <p className="mt-2 text-sm">
        <Link href={`/apps/${app}/migration`}>Readiness, parity with Aptible and the cutover →</Link>
      </p>
    </section>
  );
}
