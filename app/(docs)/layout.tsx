import type { ReactNode } from 'react';
import { DocsNav } from '@/components/guides/docs-nav';

// The "Learn" area: guides, the concept map, the command translator and the training sessions.
export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <DocsNav />
      {children}
    </>
  );
}
