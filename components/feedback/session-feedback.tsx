import { getCurrentUser } from '@/lib/auth/get-current-user';
import { sessionHasStarted } from '@/lib/feedback/feedback-catalog';
import { loadFeedbackCatalog } from '@/lib/feedback/load-feedback-catalog';
import { getSessionFeedback } from '@/lib/feedback/session-feedback';
import { SessionFeedbackForm } from './session-feedback-form';
import { formatTime } from '@/lib/text/format-time';

/**
 * "How was this session?" for a training session page: a 1–5 rating, what was clear, what was
 * not, topics for next time. One per person per session; saving again changes it.
 * Mount it on a session's page: <SessionFeedback sessionId={session.id} />.
 */
export async function SessionFeedback({ sessionId }: { sessionId: string }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const catalog = await loadFeedbackCatalog();
  const session = catalog.sessions.find((s) => s.id === sessionId);
  if (!session) return null;
  const { mine, summary } = await getSessionFeedback(user, sessionId);
  const started = sessionHasStarted(session);

  return (
    <section aria-labelledby={`session-feedback-${sessionId}`} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`session-feedback-${sessionId}`} className="font-semibold text-slate-900">
          How was this session?
        </h2>
        {summary?.average ? (
          <p className="text-sm text-slate-600">
            Rated <strong className="text-slate-900">{summary.average.toFixed(1)}</strong> / 5 by {summary.count === 1 ? 'one person' : `${summary.count} people`}
          </p>
        ) : null}
      </div>
      {started ? (
        <>
          {mine ? <p className="mb-3 text-sm text-slate-600">You rated it {mine.rating} / 5. Change anything and save again.</p> : null}
          <SessionFeedbackForm
            sessionId={sessionId}
            hasRating={Boolean(mine)}
            initial={{ rating: mine?.rating ?? null, clear: mine?.clear ?? '', unclear: mine?.unclear ?? '', nextTopics: mine?.nextTopics ?? '' }}
          />
        </>
      ) : (
        <p className="text-sm text-slate-600">
          You can rate this session once it has started (
          {formatTime(session.startsAt, 'minute')}).
        </p>
      )}
    </section>
  );
}
