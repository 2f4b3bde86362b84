'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useSharedFetch } from '@/components/data/shared-fetch';
import { type Notices, personNotices } from './notices-query';

/**
 * The notices as the header shows them. The layout is not re-rendered on client navigation, so
 * they are polled, and fetched again on every page after the first (which the server counted).
 */
export function useNotices(initial: Notices): Notices {
  const pathname = usePathname();
  const { data } = useSharedFetch(personNotices, { initial });
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void personNotices.refresh();
  }, [pathname]);
  return data ?? initial;
}
