'use client';

import { PageLinks } from './ui/page-links';
import type { Notices } from './home/notices-query';
import { useNotices } from './home/use-notices';

/** The number of reviews waiting, beside "Changes" (signed-in people only: it polls). */
function WaitingReviews({ initial }: { initial: Notices }) {
  const count = useNotices(initial)?.reviewsWaiting ?? 0;
  if (count === 0) return null;
  return (
    <>
      <span aria-hidden className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs font-semibold leading-5 text-white" data-testid="reviews-waiting">
        {count > 99 ? '99+' : count}
      </span>
      <span className="sr-only">({count === 1 ? '1 review waits' : `${count} reviews wait`} for you)</span>
    </>
  );
}

/** `notices`: the signed-in person's (null when signed out): Changes shows the reviews waiting. */
export function NavLinks({ items, notices = null }: { items: { href: string; label: string }[]; notices?: Notices | null }) {
  return (
    <PageLinks
      label="Main"
      items={items}
      className="order-last w-full sm:order-none sm:w-auto"
      listClassName="flex flex-wrap gap-1"
      linkClassName={(current) =>
        `flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium no-underline hover:no-underline ${
          current ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'
        }`
      }
      after={(item) => (item.href === '/changes' && notices ? <WaitingReviews initial={notices} /> : null)}
    />
  );
}
