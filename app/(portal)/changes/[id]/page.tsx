import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { ChangeActions } from '@/components/changes/change-actions';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { ProblemsList } from '@/components/values-editor/problems-list';
import { DiffLines } from '@/components/ui/diff-lines';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { changeIdSchema } from '@/lib/changes/change-inputs';
import { getChangeRequest } from '@/lib/changes/get-change-request';
import { markChangeDecisionsSeen } from '@/lib/home/mark-decisions-seen';
import { getChangeRollout } from '@/lib/changes/change-rollout';
import { ChangeRolloutList } from '@/components/changes/change-rollout-list';
import { describeRestart, RESTART_REASON } from '@/lib/values';

export const metadata = { title: 'Change request' };

const eventWords: Record<string, string> = {
  opened: 'requested this change',
  updated: 'updated the proposal (earlier approvals no longer count)',
  comment: 'commented',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrew it',
  merged: 'merged it as',
  stale: 'found it stale',
  'merge-refused': 'could not merge it',
};

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const id = changeIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const user = await requireUser(`/changes/${id.data}`);
  const found = await getChangeRequest(user, id.data);
  if (!found.ok) return found.error.code === 'forbidden' ? forbidden() : notFound();
  const { change, events, app } = found.data;
  const approval = app ? decide(user, 'change.approve', { app, authorEmail: change.author.email }) : { allowed: false, reason: 'The app no longer exists.' };
  const isAuthor = change.author.email === user.email;
  // The author has now seen what was decided: the header's notice of it goes away.
  if (isAuthor) await markChangeDecisionsSeen(user, { changeIds: [change.id] });
  const rollout = await getChangeRollout(user, change);

  return (
    <>
      <PageHeader
        title={`#${change.id} ${change.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ChangeStatusBadge status={change.status} />
            <span>
              {change.author.name} wants to change <Link href={`/apps/${change.app}`}>{change.app}</Link> ·{' '}
              <span className="font-mono text-sm">{change.filePath}</span> · read by {change.environments.join(' and ')} · <RelativeTime iso={change.createdAt} />
            </span>
          </span>
        }
        actions={<Link href="/changes">← Changes</Link>}
      />
      {change.status === 'approved' ? (
        <p role="status" className="mb-4 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
          Approved: Berth is merging it
          {change.mergeHeartbeatAt ? (
            <>
              {' '}
              (the merge last reported <RelativeTime iso={change.mergeHeartbeatAt} />)
            </>
          ) : null}
          . If the server merging it stops, another one finishes the merge or returns the request within a minute.
        </p>
      ) : null}
      {rollout.length > 0 ? <ChangeRolloutList rollout={rollout} app={change.app} /> : null}
      {change.statusReason ? (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {change.statusReason}
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="effects" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="effects" className="font-semibold text-slate-900">
              What it does
            </h2>
            {change.evaluation.environments.map((env) => (
              <div key={env.environment} className="mt-2">
                <h3 className="text-sm font-medium capitalize text-slate-700">{env.environment}</h3>
                {env.effects.length === 0 ? (
                  <p className="text-sm text-slate-600">The values stay the same (comments or formatting only).</p>
                ) : (
                  <ul className="mt-1 space-y-1 text-sm" aria-label={`Effects in ${env.environment}`}>
                    {env.effects.map((effect) => (
                      <li key={effect.path + effect.summary}>
                        {effect.summary}
                        {effect.aptible ? <span className="block text-xs text-slate-600">On Aptible: {effect.aptible}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
                {env.restarts ? (
                  <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" title={RESTART_REASON}>
                    {describeRestart(change.app, env.environment, env.restarts)}{' '}
                    <span className="text-xs">(every values commit restarts all of the app’s pods: CI/CD stamps it on each pod template)</span>
                  </p>
                ) : null}
              </div>
            ))}
          </section>
          <section aria-labelledby="diff" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="diff" className="font-semibold text-slate-900">
              Diff against <span className="font-mono text-sm">{change.baseRevision.slice(0, 7)}</span>
            </h2>
            <DiffLines before={change.baseText} after={change.proposedText} className="mt-2" />
          </section>
          <ProblemsList problems={change.evaluation.problems} currentFile={change.filePath} />
        </div>
        <aside className="space-y-6">
          <ChangeActions
            id={change.id}
            status={change.status}
            diffHash={change.diffHash}
            canReview={approval.allowed}
            reviewReason={approval.reason}
            isAuthor={isAuthor}
            rebaseHref={`/apps/${change.app}/values/${change.environments.includes('stage') ? 'stage' : 'production'}?file=${change.fileName}&change=${change.id}`}
          />
          <section aria-labelledby="discussion" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="discussion" className="font-semibold text-slate-900">
              Discussion
            </h2>
            <ol className="mt-2 space-y-3 text-sm" aria-label="Discussion">
              {events.map((event) => (
                <li key={event.id}>
                  <p>
                    <span className="font-medium">{event.actor.name}</span> {eventWords[event.kind] ?? event.kind}
                    {event.kind === 'merged' && event.body ? <span className="font-mono"> {event.body.slice(0, 7)}</span> : null} ·{' '}
                    <span className="text-slate-500">
                      <RelativeTime iso={event.time} />
                    </span>
                  </p>
                  {event.body && event.kind !== 'merged' ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{event.body}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </>
  );
}
