'use client';

// The apps list's health dot per environment: one request for every app (/api/status/summary,
// answered from the caches), shared by all cards and refreshed every few seconds.
import { useSharedFetch } from '@/components/data/shared-fetch';
import type { HealthVerdict } from '@/lib/kube/app-status';
import { statusSummary } from './status-queries';
import { VERDICT_STYLE } from './verdict-style';

export function HealthDots({ app, environments }: { app: string; environments: string[] }) {
  const { data, error } = useSharedFetch(statusSummary);
  const isError = error !== undefined;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
      {environments.map((env) => {
        const entry = data?.entries.find((e) => e.app === app && e.environment === env);
        const verdict: HealthVerdict | undefined = entry?.verdict;
        const style = verdict ? VERDICT_STYLE[verdict] : undefined;
        const words = entry ? `${style?.label ?? ''}${entry.title !== style?.label ? `: ${entry.title}` : ''}` : isError ? 'status unavailable' : 'loading status';
        return (
          <span key={env} className="inline-flex items-center gap-1" title={`${env}: ${words}`} data-verdict={verdict ?? 'loading'}>
            <span
              aria-hidden="true"
              className={`inline-flex h-4 w-4 items-center justify-center rounded-full text-[10px] font-bold leading-none ${style?.dot ?? 'bg-slate-200 text-slate-500'}`}
            >
              {style?.symbol ?? '·'}
            </span>
            <span>{env}</span>
            <span className="sr-only">: {words}</span>
          </span>
        );
      })}
    </span>
  );
}
