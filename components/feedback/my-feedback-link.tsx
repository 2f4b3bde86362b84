'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useSharedFetch } from '@/components/data/shared-fetch';
import { unreadFeedbackCount } from './unread-updates-query';

/**
 * "My feedback" in the header, with how many replies and status changes the person has not seen.
 * The layout is not re-rendered on client navigation, so the count is polled (and refetched
 * whenever the page changes) instead of being taken from the server render alone.
 */
export function MyFeedbackLink({ initialCount }: { initialCount: number }) {
  const pathname = usePathname();
  const { data: count = initialCount } = useSharedFetch(unreadFeedbackCount, { initial: initialCount });
  const firstPath = useRef(pathname);
  useEffect(() => {
    // The server render already counted for the first page; count again on every later one.
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void unreadFeedbackCount.refresh();
  }, [pathname]);
  const current = pathname === '/feedback/mine';
  return (
    <Link
      href="/feedback/mine"
      aria-current={current ? 'page' : undefined}
      aria-label={count > 0 ? `My feedback, ${count} unread ${count === 1 ? 'update' : 'updates'}` : 'My feedback'}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:no-underline"
    >
      My feedback
      {count > 0 ? (
        <span aria-hidden className="min-w-5 rounded-full bg-red-700 px-1.5 text-center text-xs font-semibold leading-5 text-white">
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
