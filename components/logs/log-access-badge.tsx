'use client';
// "Log access" in the header with how many break-glass reads of the person's team's apps they have
// not seen. Shown only when there are some; counted again on every page change (the layout is not
// re-rendered on client navigation).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { dataOrThrow, fetchJson } from '@/components/data/fetch-json';
import { SharedFetch, useSharedFetch } from '@/components/data/shared-fetch';

async function fetchUnseenCount(): Promise<number> {
  const body = dataOrThrow(await fetchJson<{ count?: unknown }>('/api/log-access/notices'));
  return typeof body.count === 'number' ? body.count : 0;
}

const unseenNotices = new SharedFetch(fetchUnseenCount, { pollMs: 60_000, staleMs: 10_000 });

export function LogAccessBadge({ initialCount }: { initialCount: number }) {
  const pathname = usePathname();
  const { data: count = initialCount } = useSharedFetch(unseenNotices, { initial: initialCount });
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void unseenNotices.refresh();
  }, [pathname]);
  if (count === 0) return null;
  return (
    <Link
      href="/log-access"
      aria-label={`Production log access to your team’s apps, ${count} not seen`}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-amber-900 no-underline hover:bg-amber-50 hover:no-underline"
    >
      Log access
      <span aria-hidden className="min-w-5 rounded-full bg-amber-600 px-1.5 text-center text-xs font-semibold leading-5 text-white">
        {count > 99 ? '99+' : count}
      </span>
    </Link>
  );
}
