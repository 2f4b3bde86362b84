import { ChangeList } from '@/components/changes/change-list';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { listInbox } from '@/lib/changes/list-inbox';

export const metadata = { title: 'Changes' };

export default async function ChangesPage() {
  const user = await requireUser('/changes');
  const inbox = await listInbox(user);
  return (
    <>
      <PageHeader
        title="Changes"
        description="Production values changes wait here for a second person from the owning team (or the platform team). Nobody approves their own."
      />
      <div className="grid gap-8 xl:grid-cols-2">
        <section aria-labelledby="waiting" className="space-y-2">
          <h2 id="waiting" className="font-semibold text-slate-900">
            Waiting for your review ({inbox.waitingForMe.length})
          </h2>
          <ChangeList label="Waiting for your review" changes={inbox.waitingForMe} empty="Nothing waits for your review." />
        </section>
        <section aria-labelledby="mine" className="space-y-2">
          <h2 id="mine" className="font-semibold text-slate-900">
            Yours
          </h2>
          <ChangeList label="Your change requests" changes={inbox.mine} empty="You have not requested a production change yet." />
        </section>
        <section aria-labelledby="recent" className="space-y-2 xl:col-span-2">
          <h2 id="recent" className="font-semibold text-slate-900">
            Recent
          </h2>
          <ChangeList label="Recent change requests" changes={inbox.recent} empty="No change requests yet." />
        </section>
      </div>
    </>
  );
}
