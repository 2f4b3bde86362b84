import Link from 'next/link';
import type { ChangeLiveness } from '@/lib/kube/app-status';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const LABEL: Record<ChangeLiveness['state'], { text: string; tone: BadgeTone }> = {
  live: { text: 'Live', tone: 'good' },
  'rolling-out': { text: 'Rolling out', tone: 'info' },
  behind: { text: 'Not live yet', tone: 'warn' },
  'not-deploying': { text: 'Will not deploy', tone: 'bad' },
  unknown: { text: 'Unknown', tone: 'neutral' },
  'not-deployed': { text: 'Not deployed', tone: 'neutral' },
};

/** "Is my change live?": the newest commit of the app's values against what runs. */
export function ChangeLive({ change, app, environment }: { change: ChangeLiveness; app: string; environment?: string }) {
  if (!change.message) return null;
  const label = LABEL[change.state];
  return (
    <div className="flex flex-wrap items-baseline gap-2 text-sm">
      <span className="font-medium text-slate-800">Is my change live?</span>
      <Badge tone={label.tone}>
        {change.state === 'behind' && change.behindBy ? `Behind by ${change.behindBy}` : label.text}
      </Badge>
      <span className="min-w-0 text-slate-700">{change.message}</span>
      {change.state === 'not-deploying' && environment ? (
        <Link href={`/apps/${app}/values/${environment}`} className="whitespace-nowrap">
          Fix the {environment} values →
        </Link>
      ) : null}
      <Link href={`/apps/${app}/history`} className="whitespace-nowrap">
        History →
      </Link>
    </div>
  );
}
