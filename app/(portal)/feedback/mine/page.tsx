import { FeedbackList } from '@/components/feedback/feedback-list';
import { MarkAllReadButton } from '@/components/feedback/mark-all-read-button';
import { OpenFeedbackButton } from '@/components/feedback/open-feedback-button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { listMyFeedback } from '@/lib/feedback/my-feedback';
import { OPEN_STATUSES } from '@/lib/feedback/schemas';

export const metadata = { title: 'My feedback' };

export default async function MyFeedbackPage() {
  const user = await requireUser('/feedback/mine');
  const [items, catalog] = await Promise.all([listMyFeedback(user), loadFeedbackCatalog()]);
  const teamNames = Object.fromEntries(catalog.teams.map((t) => [t.id, t.name]));
  const unread = Object.fromEntries(items.map((i) => [i.id, i.unread]));
  const unreadTotal = items.reduce((sum, i) => sum + i.unread, 0);
  const open = items.filter((i) => OPEN_STATUSES.includes(i.status));
  const closed = items.filter((i) => !OPEN_STATUSES.includes(i.status));

  return (
    <>
      <PageHeader
        title="My feedback"
        description={
          unreadTotal > 0
            ? `${unreadTotal === 1 ? 'One update' : `${unreadTotal} updates`} from the platform team and others since you last looked.`
            : 'Everything you have filed, with the platform team’s replies and status changes.'
        }
        actions={unreadTotal > 0 ? <MarkAllReadButton /> : <OpenFeedbackButton />}
      />
      {items.length === 0 ? (
        <EmptyState title="You have not filed anything yet" action={<OpenFeedbackButton>File feedback</OpenFeedbackButton>}>
          When you do, replies and status changes show up here, and the header tells you when there is something new.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <section aria-labelledby="open-heading">
            <h2 id="open-heading" className="mb-2 font-semibold text-slate-900">
              Open <span className="font-normal text-slate-500">{open.length}</span>
            </h2>
            {open.length > 0 ? (
              <FeedbackList items={open} teamNames={teamNames} unread={unread} label="My open feedback" />
            ) : (
              <p className="text-sm text-slate-600">Nothing open: everything you filed has been resolved or closed.</p>
            )}
          </section>
          {closed.length > 0 ? (
            <section aria-labelledby="closed-heading">
              <h2 id="closed-heading" className="mb-2 font-semibold text-slate-900">
                Resolved or closed <span className="font-normal text-slate-500">{closed.length}</span>
              </h2>
              <FeedbackList items={closed} teamNames={teamNames} unread={unread} label="My closed feedback" />
            </section>
          ) : null}
        </div>
      )}
    </>
  );
}
