import Link from 'next/link';
import { CheckIcon } from '@/components/guides/check-icon';
import { GuideList, type GuideListItem } from '@/components/guides/guide-list';
import { ProgressBar } from '@/components/guides/progress-bar';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/get-current-user';
import { decide } from '@/lib/auth/policy';
import { listMyGuideReads } from '@/lib/guides/list-my-guide-reads';
import { listGuides } from '@/lib/guides/load-guides';
import { getSession } from '@/lib/guides/load-sessions';

export const metadata = { title: 'Guides' };

export default async function GuidesPage() {
  const user = await requireUser('/guides');
  const reads = await listMyGuideReads(user);
  const guides: GuideListItem[] = listGuides().map(({ slug, frontmatter }) => {
    const session = frontmatter.session ? getSession(frontmatter.session) : null;
    return {
      slug,
      order: frontmatter.order,
      title: frontmatter.title,
      summary: frontmatter.summary,
      level: frontmatter.level,
      updated: frontmatter.updated,
      aptible: frontmatter.aptible,
      gcp: frontmatter.gcp,
      session: session ? { id: session.id, title: session.title } : null,
      readAt: reads?.get(slug) ?? null,
    };
  });
  const readCount = guides.filter((guide) => guide.readAt).length;
  const nextUp = guides.find((guide) => !guide.readAt);
  const seesEveryone = decide(user, 'progress.viewEveryone', {}).allowed;

  return (
    <>
      <PageHeader
        title="Guides"
        description={
          <>
            Everything you did on Aptible, and how to do it on GKE — in the terms you already know. Look up a single idea in the{' '}
            <Link href="/concepts">concept map</Link>, translate an <code className="font-mono text-sm">aptible</code> command in the{' '}
            <Link href="/commands">command translator</Link>, or press <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">/</kbd> to
            search everything.
          </>
        }
      />
      {guides.length === 0 ? (
        <EmptyState title="No guides yet">The platform team writes them in content/guides/ of Berth&apos;s repository.</EmptyState>
      ) : (
        <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_18rem]">
          <GuideList guides={guides} />
          <aside aria-labelledby="your-progress" className="order-first xl:order-last">
            <section className="rounded-lg border border-slate-200 bg-white p-4 xl:sticky xl:top-6">
              <h2 id="your-progress" className="font-semibold text-slate-900">
                Your progress
              </h2>
              {reads === null ? (
                <p role="alert" className="mt-2 text-sm text-amber-900">
                  Your reading progress is unavailable right now (the database did not answer). The guides are all here.
                </p>
              ) : (
                <>
                  <p className="mt-1 text-sm text-slate-700">
                    <strong className="text-slate-900">{readCount}</strong> of {guides.length} guides read
                  </p>
                  <ProgressBar value={readCount} max={guides.length} label="Guides read" className="mt-2" />
                  {nextUp ? (
                    <p className="mt-3 text-sm">
                      {readCount === 0 ? 'Start with ' : 'Next up: '}
                      <Link href={`/guides/${nextUp.slug}`}>{nextUp.title}</Link>
                    </p>
                  ) : (
                    <p className="mt-3 flex items-center gap-1 text-sm font-medium text-emerald-800">
                      <CheckIcon /> You have read every guide.
                    </p>
                  )}
                </>
              )}
              {seesEveryone ? (
                <p className="mt-3 border-t border-slate-100 pt-3 text-sm">
                  <Link href="/guides/progress">Everyone&apos;s progress →</Link>
                </p>
              ) : null}
            </section>
          </aside>
        </div>
      )}
    </>
  );
}
