// The cutover ladder on an app's migration page: GKE's share as Envoy reads it, the step under way
// with both sides' numbers while it runs, the form to ask for the next step, and the step log.
// Server part: reads the view once; CutoverLive keeps it current while a step runs.
import { requireUser } from '@/lib/auth/get-current-user';
import { getCutoverView } from '@/lib/migration/cutover-view';
import { CutoverLive } from './cutover-live';

export async function CutoverPanel({ app }: { app: string }) {
  const user = await requireUser(`/apps/${app}/migration`);
  const view = await getCutoverView(user, { app });
  if (!view.ok) {
    return (
      <p role="alert" className="mt-2 text-sm text-red-800">
        The cutover ladder cannot be shown: {view.error.message}
      </p>
    );
  }
  return <CutoverLive initial={view.data} />;
}
