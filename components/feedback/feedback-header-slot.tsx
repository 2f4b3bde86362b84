import { createFeedbackAction } from '@/lib/feedback/actions';
import { getCurrentUser } from '@/lib/auth/get-current-user';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { countUnreadFeedbackUpdates } from '@/lib/feedback/my-feedback';
import { logger } from '@/lib/logger/logger';
import { FeedbackLauncher } from './feedback-launcher';
import { MyFeedbackLink } from './my-feedback-link';

/** The header's feedback corner: "My feedback" with the unread badge, and the Feedback button. */
export async function FeedbackHeaderSlot() {
  const user = await getCurrentUser();
  if (!user || user.role === 'unlisted') return null;
  const [apps, unread] = await Promise.all([
    loadCatalog()
      .then((catalog) => catalog.apps.map((app) => ({ name: app.name, environments: app.environments })))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'feedback button: could not read the app catalog');
        return [];
      }),
    countUnreadFeedbackUpdates(user)
      // A database hiccup must not take the header (and with it every page) down.
      .catch((error: unknown) => {
        logger.error({ err: error }, 'feedback badge: could not count unread updates');
        return 0;
      }),
  ]);
  return (
    <div className="flex items-center gap-1">
      <MyFeedbackLink initialCount={unread} />
      <FeedbackLauncher apps={apps} createFeedback={createFeedbackAction} />
    </div>
  );
}
