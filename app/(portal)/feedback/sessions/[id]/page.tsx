import Link from 'next/link';
import { notFound } from 'next/navigation';
import { SessionFeedback } from '@/components/feedback/session-feedback';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { contentSlugSchema } from '@/lib/feedback/schemas';
import { getSession } from '@/lib/guides/load-sessions';
import { formatDate } from '@/lib/text/format-time';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const parsed = contentSlugSchema.safeParse((await params).id);
  const session = parsed.success ? getSession(parsed.data) : null;
  return { title: session ? `Feedback: ${session.title}` : 'Session feedback' };
}

// Feedback for one training session: the rating form and what others thought, linked from the digest.
export default async function SessionFeedbackPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = contentSlugSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  await requireUser(`/feedback/sessions/${parsed.data}`);
  const session = getSession(parsed.data);
  if (!session) notFound();
  const when = formatDate(session.date, { weekday: true });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/sessions">← Training sessions</Link>
      </p>
      <PageHeader title={`Feedback: ${session.title}`} description={`${when} · presented by ${session.presenter}`} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0">
          <SessionFeedback sessionId={session.id} />
        </div>
        <aside className="space-y-3 text-sm">
          <p className="text-slate-700">{session.summary}</p>
          <p>
            <Link href={`/feedback?status=all&session=${session.id}`}>Feedback items about this session →</Link>
          </p>
        </aside>
      </div>
    </>
  );
}
