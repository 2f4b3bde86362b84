import Link from 'next/link';
import { AskToBeAdded } from '@/components/auth/ask-to-be-added';
import { getCurrentUser } from '@/lib/auth/get-current-user';

// Rendered with status 403 wherever a page calls forbidden(). The reason named is the person's
// own: not in teams.yaml, a viewer, or not on the owning team.
export default async function Forbidden() {
  const user = await getCurrentUser().catch(() => null);
  if (user?.role === 'unlisted') return <AskToBeAdded user={user} />;
  const reason =
    user?.role === 'viewer'
      ? 'You are a viewer in Berth: you can look at every app, but changing one needs an engineer of its team or the platform team.'
      : 'Only the team that owns an app (or the platform team) can change it.';
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You do not have access to this</h1>
      <p className="mt-3 text-slate-600">{reason} Ask in #platform-help if you think you should.</p>
      <p className="mt-6">
        <Link href="/apps">Back to apps</Link>
      </p>
    </div>
  );
}
