import Link from 'next/link';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ChangeRollout, ChangeRolloutState } from '@/lib/changes/change-rollout';

const LABEL: Record<ChangeRolloutState, { text: string; tone: BadgeTone }> = {
  live: { text: 'Live', tone: 'good' },
  'rolling-out': { text: 'Rolling out', tone: 'info' },
  waiting: { text: 'Not deployed yet', tone: 'warn' },
  unknown: { text: 'Unknown', tone: 'neutral' },
};

/** After the merge: whether each environment runs the change yet (as of this page load). */
export function ChangeRolloutList({ rollout, app }: { rollout: ChangeRollout[]; app: string }) {
  return (
    <section aria-labelledby="rollout" className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rollout" className="font-semibold text-slate-900">
        Is it running yet?
      </h2>
      <ul className="mt-2 space-y-2 text-sm" aria-label="Rollout of this change">
        {rollout.map((r) => (
          <li key={r.environment} className="flex flex-wrap items-baseline gap-2">
            <span className="font-medium capitalize text-slate-800">{r.environment}</span>
            <Badge tone={LABEL[r.state].tone}>{LABEL[r.state].text}</Badge>
            <span className="min-w-0 text-slate-700">{r.message}</span>
            <Link href={`/apps/${app}`} className="whitespace-nowrap">
              Status →
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600">As of when this page loaded; reload to see it move.</p>
    </section>
  );
}
