import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { z } from 'zod';
import { GuideHelpful } from '@/components/feedback/guide-helpful';
import { KnownIssueBanner } from '@/components/feedback/known-issue-banner';
import { CheckIcon } from '@/components/guides/check-icon';
import { ConceptChips } from '@/components/guides/concept-chips';
import { formatDay, formatSessionTime } from '@/components/guides/dates';
import { GuideArticle } from '@/components/guides/guide-article';
import { MarkReadButton } from '@/components/guides/mark-read-button';
import { TableOfContents } from '@/components/guides/table-of-contents';
import { Badge } from '@/components/ui/badge';
import { requireUser } from '@/lib/auth/get-current-user';
import { listMyGuideReads } from '@/lib/guides/list-my-guide-reads';
import { getGuide } from '@/lib/guides/load-guides';
import { listSessionsForGuide } from '@/lib/guides/load-sessions';
import { renderGuideMarkdownCached } from '@/lib/guides/render-markdown';

const paramsSchema = z.object({ slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(100) });

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  const guide = parsed.success ? getGuide(parsed.data.slug) : null;
  return { title: guide ? guide.frontmatter.title : 'Guide' };
}

export default async function GuidePage({ params }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { slug } = parsed.data;
  const user = await requireUser(`/guides/${slug}`);
  const guide = getGuide(slug);
  if (!guide) notFound();

  const [tree, reads] = await Promise.all([renderGuideMarkdownCached(guide.body), listMyGuideReads(user)]);
  const readAt = reads?.get(slug) ?? null;
  const sessions = listSessionsForGuide(slug);
  const { frontmatter } = guide;
  const toc = guide.headings.map(({ id, text, depth }) => ({ id, text, depth }));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600 [&_a]:underline [&_a]:decoration-brand-700/40">
        <Link href="/guides">Guides</Link> <span aria-hidden>›</span> <span aria-current="page">{frontmatter.title}</span>
      </nav>
      <Suspense fallback={null}>
        <KnownIssueBanner guide={slug} />
      </Suspense>
      <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_15rem] xl:grid-cols-[minmax(0,1fr)_17rem]">
        <article aria-labelledby="guide-title" className="min-w-0">
          <header className="max-w-3xl border-b border-slate-200 pb-5">
            <h1 id="guide-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
              {frontmatter.title}
            </h1>
            <p className="mt-2 text-slate-700">{frontmatter.summary}</p>
            <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-600">
              <Badge tone="info">
                <span className="capitalize">{frontmatter.level}</span>
              </Badge>
              <span>
                Updated <time dateTime={frontmatter.updated}>{formatDay(frontmatter.updated)}</time>
              </span>
              {sessions.length > 0 ? (
                <span>
                  Taught in{' '}
                  {sessions.map((session, index) => (
                    <span key={session.id}>
                      {index > 0 ? ', ' : ''}
                      <Link href={`/sessions/${session.id}`}>{session.title}</Link>
                    </span>
                  ))}
                </span>
              ) : null}
              {readAt ? (
                <Badge tone="good">
                  <CheckIcon /> Read
                </Badge>
              ) : reads ? (
                <a href="#mark-read" className="text-sm">
                  Not read yet
                </a>
              ) : null}
            </div>
            <div className="mt-4">
              <ConceptChips aptible={frontmatter.aptible} gcp={frontmatter.gcp} />
            </div>
          </header>

          {toc.length > 0 ? (
            <details className="mt-4 rounded-lg border border-slate-200 bg-white px-4 py-2 lg:hidden">
              <summary className="cursor-pointer text-sm font-medium text-slate-900">On this page</summary>
              <nav aria-label="On this page" className="mt-2">
                <TableOfContents headings={toc} />
              </nav>
            </details>
          ) : null}

          <GuideArticle tree={tree} />

          <section id="mark-read" aria-label="Reading progress" className="mt-10 max-w-3xl scroll-mt-6 rounded-lg border border-slate-200 bg-white p-4">
            {reads === null ? (
              <p role="alert" className="text-sm text-amber-900">
                Reading progress is unavailable right now (the database did not answer). Try again in a moment.
              </p>
            ) : (
              <MarkReadButton key={readAt ?? 'unread'} slug={slug} readAt={readAt} />
            )}
          </section>

          <div className="mt-6 max-w-3xl">
            <Suspense fallback={null}>
              <GuideHelpful slug={slug} />
            </Suspense>
          </div>

          {sessions.length > 0 ? (
            <section aria-labelledby="guide-sessions" className="mt-8 max-w-3xl">
              <h2 id="guide-sessions" className="text-lg font-semibold text-slate-900">
                Covered in training
              </h2>
              <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                {sessions.map((session) => (
                  <li key={session.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
                    <span>
                      <Link href={`/sessions/${session.id}`} className="font-medium">
                        {session.title}
                      </Link>{' '}
                      <span className="text-slate-600">· {session.presenter}</span>
                    </span>
                    <time dateTime={session.date} className="text-slate-600">
                      {formatSessionTime(session.date)}
                    </time>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <nav aria-label="Previous and next guides" className="mt-10 grid max-w-3xl gap-3 border-t border-slate-200 pt-6 sm:grid-cols-2">
            {guide.prev ? (
              <Link
                href={`/guides/${guide.prev.slug}`}
                rel="prev"
                className="rounded-lg border border-slate-200 bg-white p-3 no-underline hover:border-brand-600 hover:no-underline"
              >
                <span className="block text-xs text-slate-500">← Previous</span>
                <span className="font-medium text-slate-900">{guide.prev.title}</span>
              </Link>
            ) : (
              <span />
            )}
            {guide.next ? (
              <Link
                href={`/guides/${guide.next.slug}`}
                rel="next"
                className="rounded-lg border border-slate-200 bg-white p-3 text-right no-underline hover:border-brand-600 hover:no-underline"
              >
                <span className="block text-xs text-slate-500">Next →</span>
                <span className="font-medium text-slate-900">{guide.next.title}</span>
              </Link>
            ) : (
              <Link
                href="/guides"
                className="rounded-lg border border-slate-200 bg-white p-3 text-right no-underline hover:border-brand-600 hover:no-underline"
              >
                <span className="block text-xs text-slate-500">That was the last one</span>
                <span className="font-medium text-slate-900">All guides →</span>
              </Link>
            )}
          </nav>
        </article>

        {toc.length > 0 ? (
          <aside className="hidden lg:block">
            <nav aria-labelledby="toc-title" className="sticky top-6 max-h-[calc(100vh-3rem)] overflow-y-auto pb-6">
              <h2 id="toc-title" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                On this page
              </h2>
              <TableOfContents headings={toc} />
            </nav>
          </aside>
        ) : null}
      </div>
    </>
  );
}
