import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { LogView } from '@/lib/logs/log-view';
import { BreakGlassForm } from './break-glass-form';
import type { LogPageFailure } from './fetch-logs';
import { breakGlassOffer, hintFor, isRetryable } from './log-failure';

function titleOf(error: LogPageFailure): string {
  switch (error.details?.kind) {
    case 'unavailable':
      return 'The log backend is not answering';
    case 'timeout':
      return 'The log backend took too long';
    case 'permission-denied':
      return 'Berth may not read these logs';
  }
  switch (error.code) {
    case 'invalid':
      return 'Berth could not run this filter';
    case 'unauthenticated':
      return 'Your sign-in has expired';
    case 'forbidden':
      return 'You may not read these logs';
    case 'not-found':
      return 'Nothing to read here';
    case 'unavailable':
      return 'Berth could not be reached';
    default:
      return 'The logs could not be read';
  }
}

export function LogsError({ error, onRetry, retrying, extra }: { error: LogPageFailure; onRetry: () => void; retrying: boolean; extra?: ReactNode }) {
  // Production logs of another team's app: the way in is break-glass, asked for right here.
  const offer = breakGlassOffer(error);
  if (offer) return <BreakGlassForm offer={offer} refusal={error.message} onGranted={onRetry} />;
  const hint = hintFor(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-8 text-center">
      <p className="font-semibold text-red-900">{titleOf(error)}</p>
      <p className="mx-auto mt-2 max-w-2xl text-sm text-red-900">{error.message}</p>
      {hint ? <p className="mx-auto mt-1 max-w-2xl text-sm text-red-800">{hint}</p> : null}
      <div className="mt-4 flex flex-wrap justify-center gap-2">
        <Button variant={isRetryable(error) ? 'primary' : 'secondary'} onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
        {extra}
      </div>
    </div>
  );
}

/** No line matched: say why that may be and offer the one change most likely to help. */
export function LogsEmpty({ view, following, onWiden }: { view: LogView; following: boolean; onWiden: (patch: Partial<LogView>) => void }) {
  const suggestions: { label: string; patch: Partial<LogView> }[] = [];
  if (view.q) suggestions.push({ label: 'Clear the search', patch: { q: undefined } });
  if (view.severity) suggestions.push({ label: 'Show every severity', patch: { severity: undefined } });
  if (view.previous) suggestions.push({ label: 'Show the running container', patch: { previous: false } });
  if (!view.since && !view.until && view.range !== '24h') suggestions.push({ label: 'Last 24 hours', patch: { range: '24h' } });
  if (view.pods.length > 0 || view.container) suggestions.push({ label: 'Every pod and container', patch: { pods: [], container: undefined } });
  return (
    <div className="flex h-[calc(100vh-22rem)] min-h-[22rem] flex-col items-center justify-center rounded-b-lg bg-white px-6 text-center">
      <p className="font-medium text-slate-900">{following ? 'No lines yet — waiting for new ones' : 'No log lines match'}</p>
      <p className="mt-2 max-w-xl text-sm text-slate-600">
        {view.previous
          ? 'A container that has not restarted has no previous instance, and its logs go when the pod is replaced.'
          : 'The pods may not have written anything in this time range, or the filter leaves everything out.'}
      </p>
      {suggestions.length > 0 ? (
        <div className="mt-4 flex flex-wrap justify-center gap-2">
          {suggestions.map((s) => (
            <Button key={s.label} variant="secondary" onClick={() => onWiden(s.patch)}>
              {s.label}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
