import { BreakGlassList } from '@/components/logs/break-glass-list';
import type { BerthUser } from '@/lib/auth/user';
import type { App } from '@/lib/catalog/types';
import { listBreakGlassOnApp, markBreakGlassNoticesSeen, NOTICE_DAYS } from '@/lib/logs/break-glass-notices';

/**
 * On the app page: who outside the owning team broke glass on its logs lately, and why. The
 * owning team's members have seen them once this renders for them.
 */
export async function AppLogAccess({ app, user }: { app: App; user: BerthUser }) {
  const notices = await listBreakGlassOnApp(user, app.name);
  if (notices.length === 0) return null;
  if (user.team === app.team) await markBreakGlassNoticesSeen(user, notices.filter((n) => !n.seen).map((n) => n.id));
  const active = notices.filter((n) => n.active).length;
  return (
    <section aria-labelledby="log-access" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="log-access" className="font-semibold text-amber-950">
        Break-glass on these logs {active > 0 ? `· ${active} reading now` : ''}
      </h2>
      <p className="mt-1 text-sm text-amber-950">People outside the owning team who read its production logs in the last {NOTICE_DAYS} days, and why.</p>
      <div className="mt-2 rounded-md bg-white px-3">
        <BreakGlassList notices={notices} showApp={false} label={`Break-glass on ${app.name}`} />
      </div>
    </section>
  );
}
