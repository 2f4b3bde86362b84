'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * A navigation list whose link to the area being shown says so (aria-current="page"); a page below
 * an item's address is that item's. The header's areas and the Learn tabs: they differ in looks only.
 */
export function PageLinks<Item extends { href: string; label: string }>({
  label,
  items,
  className,
  listClassName,
  linkClassName,
  after,
}: {
  label: string;
  items: Item[];
  className: string;
  listClassName: string;
  linkClassName: (current: boolean) => string;
  /** Shown after an item's label, inside its link. */
  after?: (item: Item) => ReactNode;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={className}>
      <ul className={listClassName}>
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? 'page' : undefined} className={linkClassName(current)}>
                {item.label}
                {after?.(item)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
