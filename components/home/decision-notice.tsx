'use client';

// The header's notice of decisions on the person's own change requests, on every page until they
// have seen them (opened the request, or "Got it" on the home page).
import Link from 'next/link';
import { decisionWords } from './decision-words';
import type { Notices } from './notices-query';
import { useNotices } from './use-notices';

export function DecisionNotice({ initial }: { initial: Notices }) {
  const decisions = useNotices(initial).decisions;
  if (decisions.length === 0) return null;
  const one = decisions.length === 1 ? decisions[0] : undefined;
  const bad = decisions.some((d) => d.kind === 'rejected' || d.kind === 'stale' || d.kind === 'merge-refused');
  const text = one ? `${one.app}: your request was ${decisionWords(one.kind)}` : `${decisions.length} decisions on your requests`;
  return (
    <Link
      href={one ? `/changes/${one.changeId}` : '/#decisions'}
      className={`inline-flex max-w-[18rem] items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium no-underline ring-1 ring-inset hover:no-underline ${
        bad ? 'bg-amber-50 text-amber-950 ring-amber-300 hover:bg-amber-100' : 'bg-emerald-50 text-emerald-900 ring-emerald-300 hover:bg-emerald-100'
      }`}
      data-testid="decision-notice"
    >
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${bad ? 'bg-amber-600' : 'bg-emerald-600'}`} />
      <span className="truncate">{text}</span>
    </Link>
  );
}
