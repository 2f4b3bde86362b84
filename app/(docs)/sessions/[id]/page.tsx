import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { z } from 'zod';
import { SessionFeedback } from '@/components/feedback/session-feedback';
import { CheckIcon } from '@/components/guides/check-icon';
import { formatSessionTime } from '@/components/guides/dates';
import { SessionMaterials } from '@/components/guides/session-materials';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { listMyGuideReads } from '@/lib/guides/list-my-guide-reads';
import { getGuide } from '@/lib/guides/load-guides';
import { getSessionTiming } from '@/lib/guides/get-session-timing';
import { getSession } from '@/lib/guides/load-sessions';

const paramsSchema = z.object({ id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120) });

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  const session = parsed.success ? getSession(parsed.data.id) : null;
  return { title: session ? session.title : 'Training session' };
}

export default async function SessionPage({ params }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requireUser(`/sessions/${parsed.data.id}`);
  const session = getSession(parsed.data.id);
  if (!session) notFound();

  const reads = await listMyGuideReads(user);
  const timing = getSessionTiming(session);
  const past = timing === 'past';
  const guides = session.guides.flatMap((slug) => {
    const guide = getGuide(slug);
    return guide ? [{ slug, title: guide.frontmatter.title, summary: guide.frontmatter.summary, read: reads?.has(slug) ?? false }] : [];
  });

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 [&_a]:underline [&_a]:decoration-brand-700/40">
        <Link href="/sessions">Training sessions</Link> <span aria-hidden>›</span> <span aria-current="page">{session.title}</span>
      </nav>
      <PageHeader
        title={session.title}
        description={
          <>
            <time dateTime={session.date}>{formatSessionTime(session.date)}</time> · {session.durationMinutes} min · presented by {session.presenter}
          </>
        }
        actions={past ? <Badge>past session</Badge> : timing === 'running' ? <Badge tone="good">happening now</Badge> : <Badge tone="brand">upcoming</Badge>}
      />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="about" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="about" className="font-semibold text-slate-900">
              What it covers
            </h2>
            <p className="mt-2 text-slate-800">{session.summary}</p>
            <h3 className="mt-4 text-sm font-semibold text-slate-900">Agenda</h3>
            <ol className="mt-1 list-decimal space-y-1 pl-5 text-slate-700">
              {session.agenda.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="session-guides" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="session-guides" className="font-semibold text-slate-900">
              Guides to read {past ? 'next' : 'before or after'}
            </h2>
            {guides.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">This session has no guide of its own.</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100">
                {guides.map((guide) => (
                  <li key={guide.slug} className="py-3">
                    <p className="flex items-center gap-2">
                      <Link href={`/guides/${guide.slug}`} className="font-medium">
                        {guide.title}
                      </Link>
                      {guide.read ? (
                        <Badge tone="good">
                          <CheckIcon /> Read
                        </Badge>
                      ) : null}
                    </p>
                    <p className="mt-1 text-sm text-slate-700">{guide.summary}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Suspense fallback={null}>
            <SessionFeedback sessionId={session.id} />
          </Suspense>
        </div>
        <aside className="space-y-6">
          <section aria-labelledby="materials" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="materials" className="mb-2 font-semibold text-slate-900">
              Materials
            </h2>
            <SessionMaterials session={session} past={past} />
          </section>
          <p className="text-sm">
            <Link href="/sessions">← All sessions</Link>
          </p>
        </aside>
      </div>
    </>
  );
}
