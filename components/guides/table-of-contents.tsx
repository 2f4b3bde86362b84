'use client';

import { useEffect, useState } from 'react';

export type TocHeading = { id: string; text: string; depth: number };

/**
 * "On this page": the guide's sections (## and ###). Marks the section being read with
 * aria-current as the reader scrolls; the links work without JavaScript.
 */
export function TableOfContents({ headings, className = '' }: { headings: TocHeading[]; className?: string }) {
  const active = useActiveHeading(headings);
  const entries = headings.filter((heading) => heading.depth <= 3);
  if (entries.length === 0) return null;
  return (
    <ul className={`space-y-0.5 text-sm ${className}`}>
      {entries.map((heading) => {
        const current = heading.id === active;
        return (
          <li key={heading.id} className={heading.depth === 3 ? 'pl-3' : ''}>
            <a
              href={`#${heading.id}`}
              aria-current={current ? 'location' : undefined}
              className={`block border-l-2 py-1 pl-3 leading-snug no-underline hover:no-underline ${
                current ? 'border-brand-700 font-medium text-brand-800' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
              }`}
            >
              {heading.text}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function useActiveHeading(headings: TocHeading[]): string | null {
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => {
    const elements = headings.map((h) => document.getElementById(h.id)).filter((el): el is HTMLElement => el !== null);
    if (elements.length === 0) return;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        // The first heading in the top part of the screen; else keep the last one seen.
        const first = elements.find((el) => visible.has(el.id));
        if (first) setActive(first.id);
      },
      { rootMargin: '0px 0px -65% 0px' },
    );
    for (const element of elements) observer.observe(element);
    return () => observer.disconnect();
  }, [headings]);
  return active;
}
