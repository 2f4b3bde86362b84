import Link from 'next/link';
import type { ReactNode } from 'react';
import { mainNav } from '@/lib/navigation/main-nav';
import { SearchLauncher } from './search/search-launcher';
import { Badge } from './ui/badge';
import { DecisionNotice } from './home/decision-notice';
import type { Notices } from './home/notices-query';
import { NavLinks } from './nav-links';

/** `notices`: the signed-in person's (null when signed out or unlisted). */
export function SiteHeader({ connection, userSlot, notices = null }: { connection: 'sandbox' | 'gke'; userSlot: ReactNode; notices?: Notices | null }) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-slate-900 no-underline hover:no-underline">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-700 text-sm font-bold text-white">
            B
          </span>
          Berth
        </Link>
        <NavLinks items={mainNav.map(({ href, label }) => ({ href, label }))} notices={notices} />
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-2">
          {notices ? <DecisionNotice initial={notices} /> : null}
          <SearchLauncher />
          {connection === 'sandbox' ? (
            <Badge tone="warn" title="Berth is connected to the sandbox cluster and logging servers, not to GKE.">
              <span className="sr-only sm:not-sr-only">Connected to: </span>sandbox
            </Badge>
          ) : (
            <Badge tone="brand" title="Berth is connected to the GKE clusters and Cloud Logging.">
              <span className="sr-only sm:not-sr-only">Connected to: </span>GKE
            </Badge>
          )}
          {userSlot}
        </div>
      </div>
    </header>
  );
}
