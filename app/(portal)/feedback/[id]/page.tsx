import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CommentForm } from '@/components/feedback/comment-form';
import { EditFeedback } from '@/components/feedback/edit-feedback';
import { KindBadge, SeverityBadge, StatusBadge } from '@/components/feedback/feedback-badges';
import { MarkSeen } from '@/components/feedback/mark-seen';
import { MarkdownText } from '@/components/feedback/markdown-text';
import { TriagePanel } from '@/components/feedback/triage-panel';
import { FeedbackLinkTarget, StatusHistory, UpdateThread } from '@/components/feedback/update-thread';
import { VoteButton } from '@/components/feedback/vote-button';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { requireUser } from '@/lib/auth/get-current-user';
import { teamNameOf } from '@/lib/feedback/feedback-catalog';
import { getFeedbackItem } from '@/lib/feedback/get-feedback-item';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { markFeedbackSeen } from '@/lib/feedback/my-feedback';
import { feedbackIdSchema } from '@/lib/feedback/schemas';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = feedbackIdSchema.safeParse(id);
  return { title: parsed.success ? `Feedback #${parsed.data}` : 'Feedback' };
}

export default async function FeedbackItemPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = feedbackIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const id = parsed.data;
  const user = await requireUser(`/feedback/${id}`);
  const [detail, catalog] = await Promise.all([getFeedbackItem(user, id), loadFeedbackCatalog()]);
  if (!detail) notFound();
  const { item, updates, permissions, votedByMe } = detail;
  const isReporter = item.reporter.email === user.email;
  if (isReporter) await markFeedbackSeen(user, id);

  const guideTitle = item.guide ? (catalog.guides.find((g) => g.slug === item.guide)?.title ?? item.guide) : null;
  const session = item.session ? catalog.sessions.find((s) => s.id === item.session) : null;
  const links = updates.flatMap((u) => (u.kind === 'link' && u.link ? [{ id: u.id, link: u.link }] : []));
  const bannerPlace = item.app ? `the ${item.app} page` : guideTitle ? `the “${guideTitle}” guide` : null;

  return (
    <>
      {isReporter ? <MarkSeen itemId={id} /> : null}
      <p className="mb-2 text-sm">
        <Link href="/feedback">← Feedback board</Link>
      </p>
      <PageHeader
        title={item.title}
        description={
          <span className="flex flex-wrap items-center gap-2 text-sm">
            <span>#{item.id}</span>
            <StatusBadge status={item.status} />
            <KindBadge kind={item.kind} />
            {item.severity ? <SeverityBadge severity={item.severity} /> : null}
            {item.knownIssue ? <Badge tone="warn">Known issue</Badge> : null}
            <span>
              filed by {item.reporter.name} <RelativeTime iso={item.createdAt} />
            </span>
          </span>
        }
        actions={<VoteButton id={item.id} votes={item.votes} voted={votedByMe} allowed={permissions.vote} reason={permissions.voteReason} />}
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="description-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <div className="mb-2 flex items-center justify-between gap-2">
              <h2 id="description-heading" className="font-semibold text-slate-900">
                Description
              </h2>
              {permissions.edit ? null : isReporter ? <p className="text-xs text-slate-500">{permissions.editReason}</p> : null}
            </div>
            <MarkdownText text={item.description} />
          </section>
          {permissions.edit ? (
            <EditFeedback
              id={item.id}
              initial={{ kind: item.kind, title: item.title, description: item.description, severity: item.severity ?? '', workedOnAptible: item.workedOnAptible }}
            />
          ) : null}
          <section aria-labelledby="thread-heading" className="space-y-3">
            <h2 id="thread-heading" className="font-semibold text-slate-900">
              Thread
            </h2>
            <UpdateThread updates={updates} where={bannerPlace ?? 'its page'} />
            {permissions.comment ? <CommentForm id={item.id} /> : null}
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="details-heading" className="font-semibold text-slate-900">
              Details
            </h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              {item.app ? (
                <>
                  <dt className="text-slate-500">App</dt>
                  <dd>
                    <Link href={`/apps/${item.app}`}>{item.app}</Link>
                    {item.environment ? <span className="text-slate-600"> · {item.environment}</span> : null}
                  </dd>
                </>
              ) : null}
              {item.guide ? (
                <>
                  <dt className="text-slate-500">Guide</dt>
                  <dd>
                    <Link href={`/guides/${item.guide}`}>{guideTitle}</Link>
                  </dd>
                </>
              ) : null}
              {item.session ? (
                <>
                  <dt className="text-slate-500">Session</dt>
                  <dd>
                    <Link href={`/feedback/sessions/${item.session}`}>{session?.title ?? item.session}</Link>
                  </dd>
                </>
              ) : null}
              <dt className="text-slate-500">Team</dt>
              <dd>{teamNameOf(catalog, item.team)}</dd>
              <dt className="text-slate-500">Reporter</dt>
              <dd>{item.reporter.name}</dd>
              <dt className="text-slate-500">Owner</dt>
              <dd>{item.owner?.name ?? <span className="text-slate-500">Nobody yet</span>}</dd>
              <dt className="text-slate-500">On Aptible</dt>
              <dd>{item.workedOnAptible ? 'Worked there, broken on GCP' : '—'}</dd>
              {links.length > 0 ? (
                <>
                  <dt className="text-slate-500">Linked</dt>
                  <dd>
                    <ul className="space-y-0.5">
                      {links.map(({ id: linkId, link }) => (
                        <li key={linkId}>
                          <FeedbackLinkTarget link={link} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
              {item.page ? (
                <>
                  <dt className="text-slate-500">Sent from</dt>
                  <dd className="break-all font-mono text-xs leading-5">{item.page}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {permissions.triage ? (
            <TriagePanel
              item={{ id: item.id, status: item.status, ownerEmail: item.owner?.email ?? null, knownIssue: item.knownIssue, bannerPlace }}
              platformPeople={catalog.platformPeople}
            />
          ) : null}
          <section aria-labelledby="history-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="history-heading" className="mb-2 font-semibold text-slate-900">
              Status history
            </h2>
            <StatusHistory updates={updates} />
          </section>
        </aside>
      </div>
    </>
  );
}
