'use client';

import { PageLinks } from '@/components/ui/page-links';

const items = [
  { href: '/guides', label: 'Guides' },
  { href: '/concepts', label: 'Concept map' },
  { href: '/commands', label: 'Command translator' },
  { href: '/sessions', label: 'Sessions' },
];

/** The "Learn" area's own tabs: guides, the concept map, the translator and the sessions. */
export function DocsNav() {
  return (
    <PageLinks
      label="Learn"
      items={items}
      className="no-print -mt-2 mb-6 border-b border-slate-200"
      listClassName="flex gap-1 overflow-x-auto text-sm"
      linkClassName={(current) =>
        `-mb-px block whitespace-nowrap border-b-2 px-3 py-2 font-medium no-underline hover:no-underline ${
          current ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
        }`
      }
    />
  );
}
