'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Notices } from './home/notices-query';
import { useNotices } from './home/use-notices';

/** `notices`: the signed-in person's (null when signed out): Changes shows the reviews waiting. */
export function NavLinks({ items, notices: initialNotices = null }: { items: { href: string; label: string }[]; notices?: Notices | null }) {
  const pathname = usePathname();
  const notices = useNotices(initialNotices);
  const waiting = notices?.reviewsWaiting ?? 0;
  return (
    <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
      <ul className="flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          const count = item.href === '/changes' ? waiting : 0;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                aria-label={count > 0 ? `${item.label}, ${count} ${count === 1 ? 'review waits' : 'reviews wait'} for you` : undefined}
                className={`flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium no-underline hover:no-underline ${
                  current ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100'
                }`}
              >
                {item.label}
                {count > 0 ? (
                  <span aria-hidden className="min-w-5 rounded-full bg-brand-700 px-1.5 text-center text-xs font-semibold leading-5 text-white" data-testid="reviews-waiting">
                    {count > 99 ? '99+' : count}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
