import Link from 'next/link';
import { notFound } from 'next/navigation';
import { RevertButton } from '@/components/history/revert-button';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { EmptyState } from '@/components/ui/empty-state';
import { valuesHistory } from '@/lib/values-files/values-history';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { isAppName } from '@/lib/catalog/app-name';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { findUndeployableCommits } from '@/lib/kube/find-undeployable-values';

export const metadata = { title: 'Values history' };

export default async function HistoryPage({ params }: { params: Promise<{ app: string }> }) {
  const { app: name } = await params;
  if (!isAppName(name)) notFound();
  const user = await requireUser(`/apps/${name}/history`);
  const catalog = await loadCatalog();
  const app = catalog.apps.find((a) => a.name === name);
  if (!app) notFound();
  const entries = await valuesHistory({ app });
  const undeployable = await findUndeployableCommits({ app, commits: entries }, { catalog });
  const canChange = decide(user, 'values.requestChange', { app }).allowed;
  return (
    <>
      <PageHeader
        title={`${app.name} · values history`}
        description="Every commit that changed this app's values files, newest first — like Aptible's Activity, but with the exact change."
        actions={<Link href={`/apps/${app.name}`}>← {app.name}</Link>}
      />
      {entries.length === 0 ? (
        <EmptyState title="No changes yet">Nobody has changed this app&apos;s values since the config repository was created.</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="History">
          {entries.map((entry) => (
            <li key={entry.revision} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-medium text-slate-900">{entry.subject}</p>
                  <p className="text-sm text-slate-600">
                    <span className="font-mono">{entry.shortRevision}</span> · {entry.author.name} ({entry.author.email}) · <RelativeTime iso={entry.time} />
                    {entry.approval ? (
                      <>
                        {' '}
                        · approved by {entry.approval.approver.name} ({entry.approval.approver.email}) in{' '}
                        <Link href={`/changes/${entry.approval.changeId}`}>change request #{entry.approval.changeId}</Link>
                      </>
                    ) : null}
                  </p>
                  {(undeployable.get(entry.revision) ?? []).map((u) => (
                    <p key={u.environment} className="mt-1 text-sm text-red-800">
                      <strong>Will not deploy to {u.environment}:</strong> its values fail validation — {u.problem}. CI/CD skips this commit.
                    </p>
                  ))}
                </div>
                {canChange && entry.parents.length > 0 ? <RevertButton app={app.name} revision={entry.revision} subject={entry.subject} /> : null}
              </div>
              {entry.diffs.map((diff) => (
                <details key={diff.path} className="mt-2" open={entries.length <= 10}>
                  <summary className="cursor-pointer font-mono text-xs text-slate-700">{diff.path}</summary>
                  <pre className="mt-1 overflow-x-auto rounded-md bg-slate-50 p-2 text-xs ring-1 ring-slate-200">
                    {diff.hunks.map((hunk) => (
                      <span key={hunk.header} className="block">
                        <span className="block text-slate-500">{hunk.header}</span>
                        {hunk.lines.map((line, i) => (
                          <span key={i} className={`block ${line.startsWith('+') ? 'bg-emerald-100 text-emerald-900' : line.startsWith('-') ? 'bg-red-100 text-red-900' : ''}`}>
                            {line}
                          </span>
                        ))}
                      </span>
                    ))}
                  </pre>
                </details>
              ))}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
