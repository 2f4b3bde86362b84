'use client';

// The app page's Status section: one live panel per environment, kept current by one SSE stream.
import type { ReactNode } from 'react';
import { AptibleTermsProvider, AptibleTermsToggle, useAptibleTermsSetting } from './aptible-terms';
import type { LogReading } from './crash-cause';
import { type EnvironmentInfo, EnvironmentStatus } from './environment-status';
import { type StreamState, useLiveAppStatus } from './use-live-app-status';

const STREAM_LABEL: Record<StreamState, { text: string; dot: string }> = {
  connecting: { text: 'Connecting…', dot: 'bg-slate-400' },
  live: { text: 'Live', dot: 'bg-emerald-600' },
  reconnecting: { text: 'Reconnecting… showing the last update', dot: 'bg-amber-500' },
};

/**
 * `logReading`: per environment, whether the person may read its logs (the crash cause uses it).
 * `legend`: the Aptible terms legend, rendered by the server (aptible-terms-legend.tsx).
 */
export function AppStatusSection({
  app,
  environments,
  logReading = {},
  legend,
}: {
  app: string;
  environments: EnvironmentInfo[];
  logReading?: Record<string, LogReading>;
  legend?: ReactNode;
}) {
  const streamState = useLiveAppStatus(
    app,
    environments.map((e) => e.name),
  );
  const [aptibleTerms, setAptibleTerms] = useAptibleTermsSetting();
  const label = STREAM_LABEL[streamState];
  return (
    <section aria-labelledby="status" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="status" className="font-semibold text-slate-900">
          Status
        </h2>
        <p role="status" aria-live="polite" className="inline-flex items-center gap-1.5 text-sm text-slate-600">
          <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${label.dot} ${streamState === 'live' ? 'motion-safe:animate-pulse' : ''}`} />
          {label.text}
        </p>
        <div className="ml-auto">
          <AptibleTermsToggle on={aptibleTerms} onChange={setAptibleTerms} />
        </div>
      </div>
      {legend}
      <AptibleTermsProvider value={aptibleTerms}>
        {environments.length === 0 ? (
          <p className="text-sm text-slate-600">{app} is not deployed to any environment (see its app.yaml).</p>
        ) : (
          environments.map((environment) => <EnvironmentStatus key={environment.name} app={app} environment={environment} streamState={streamState} logReading={logReading[environment.name]} />)
        )}
      </AptibleTermsProvider>
    </section>
  );
}
