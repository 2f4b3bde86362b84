import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CutoverPanel } from '@/components/migration/cutover-panel';
import { ParityPasteForm } from '@/components/migration/parity-paste-form';
import { ParityReportView } from '@/components/migration/parity-report';
import { ReadinessList } from '@/components/migration/readiness-list';
import { StatePanel } from '@/components/migration/state-panel';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { isAppName } from '@/lib/catalog/app-name';
import { getAppMigration } from '@/lib/migration/get-app-migration';
import { describeState } from '@/lib/migration/migration-states';

export async function generateMetadata({ params }: { params: Promise<{ app: string }> }) {
  const { app } = await params;
  return { title: isAppName(app) ? `${app}: migration` : 'Migration' };
}

export default async function AppMigrationPage({ params }: { params: Promise<{ app: string }> }) {
  const { app: name } = await params;
  if (!isAppName(name)) notFound();
  const user = await requireUser(`/apps/${name}/migration`);
  const view = await getAppMigration(user, name);
  if (!view.ok) {
    if (view.error.code === 'not-found') notFound();
    throw new Error(view.error.message);
  }
  const { app, readiness, revision, moves, canChange, teamName } = view.data;
  const { migration } = readiness;
  const file = migration.status === 'ok' ? migration.migration : null;
  const state = file?.state ?? 'aptible-only';
  const parity = readiness.facts.parity;

  return (
    <>
      <PageHeader
        title={`${app.name}: migration`}
        description={
          <>
            The move from Aptible{app.aptible ? <> (app <span className="font-mono">{app.aptible.app}</span> in <span className="font-mono">{app.aptible.environment}</span>)</> : null} to GKE, kept in{' '}
            <span className="font-mono">apps/{app.name}/migration.yaml</span>. <Link href={`/apps/${app.name}`}>← {app.name}</Link> · <Link href="/migration">The board</Link>
          </>
        }
        actions={<Badge>{teamName}</Badge>}
      />
      <div className="space-y-6">
        <section id="state" aria-labelledby="state-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="state-heading" className="font-semibold text-slate-900">
            Where it stands
          </h2>
          {migration.status === 'invalid' ? (
            <div role="alert" className="mt-2 text-sm text-red-800">
              <p>migration.yaml cannot be read; fix it in the config repository:</p>
              <ul className="list-disc pl-5">
                {migration.problems.map((p) => (
                  <li key={`${p.line}${p.message}`}>
                    line {p.line}: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <>
              <p className="mt-2 text-lg font-medium text-slate-900">
                {describeState(state).label}
                {file?.state === 'cutover' ? `: GKE has ${file.gkeShare ?? 0} % of the traffic` : ''}
              </p>
              <p className="text-sm text-slate-600">
                {migration.status === 'absent' ? (app.aptible ? 'No migration.yaml yet: Berth writes one with the first move.' : `${app.name} never ran on Aptible: nothing to move.`) : describeState(state).meaning}
              </p>
              {file?.validatedInStage ? (
                <p className="mt-1 text-sm text-slate-700">
                  Validated in stage by {file.validatedInStage.by} on {file.validatedInStage.at}
                  {file.validatedInStage.note ? `: “${file.validatedInStage.note}”` : ''}.
                </p>
              ) : null}
              {canChange ? (
                <StatePanel app={app.name} state={state} moves={moves} revision={revision} />
              ) : (
                <p className="mt-2 text-sm text-slate-600">Only the {teamName} team or the platform team can move {app.name} along.</p>
              )}
            </>
          )}
        </section>

        <section id="readiness" aria-labelledby="readiness-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="readiness-heading" className="font-semibold text-slate-900">
            Ready for cutover? {readiness.passing} of {readiness.total} checks pass
          </h2>
          <p className="text-sm text-slate-600">Computed from the values, the parity record, stage’s status history and logs — not ticked by hand.</p>
          <ReadinessList checks={readiness.checks} />
        </section>

        <section id="parity" aria-labelledby="parity-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="parity-heading" className="font-semibold text-slate-900">
            Parity with Aptible
          </h2>
          <p className="mt-1 rounded-md bg-sky-50 p-2 text-sm text-sky-900">
            Berth keeps names and shapes, never values. From what you paste it reads variable names, service sizes, commands and endpoint hostnames; each value is skipped as it is read and
            is never stored, logged or sent back.
          </p>
          {parity ? (
            <div className="mt-4">
              <h3 className="mb-2 font-medium text-slate-900">
                Recorded{file?.parity?.recordedBy ? ` by ${file.parity.recordedBy} on ${file.parity.recordedAt ?? '—'}` : ''}
              </h3>
              <ParityReportView report={parity} environments={app.environments} editable={canChange ? { app: app.name, revision } : undefined} />
            </div>
          ) : (
            <p className="mt-3 text-sm text-slate-600">Nothing recorded from Aptible yet.</p>
          )}
          <h3 className="mt-6 font-medium text-slate-900">Paste from the Aptible CLI</h3>
          <ParityPasteForm app={app.name} aptibleApp={app.aptible?.app ?? app.name} revision={revision} environments={app.environments} canRecord={canChange} />
        </section>

        <section id="cutover" aria-labelledby="cutover-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="cutover-heading" className="font-semibold text-slate-900">
            Cutover
          </h2>
          {file?.cutover ? (
            <div className="mt-3">
              <CutoverPanel app={app.name} />
            </div>
          ) : (
            <p className="mt-2 text-sm text-slate-600">
              {app.name} has no edge Envoy route in migration.yaml (a worker or an internal app): it moves to GKE without traffic steps, then “100 % on GKE” above.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
