import { getCurrentUser } from '@/lib/auth/get-current-user';
import { getMyGuideFeedback } from '@/lib/feedback/guide-feedback';
import { GuideHelpfulForm } from './guide-helpful-form';

/**
 * "Was this guide helpful?" with a reason when not (incorrect, missing, unclear, other) and an
 * optional comment. One answer per person per guide. Mount it at the end of a guide:
 * <GuideHelpful slug={guide.slug} />.
 */
export async function GuideHelpful({ slug }: { slug: string }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const mine = await getMyGuideFeedback(user, slug);
  return (
    <section aria-label="Guide feedback" className="no-print rounded-lg border border-slate-200 bg-white p-4">
      <GuideHelpfulForm guide={slug} answer={mine ? { helpful: mine.helpful, reason: mine.reason, comment: mine.comment } : null} />
    </section>
  );
}
