'use client';

// The status of an app in one environment: verdict, "is my change live", deployments, pods (with a
// dialog per pod) and recent warnings — or a designed state while loading, when the cluster cannot
// be reached, and when nothing is deployed.
import Link from 'next/link';
import { lazy, Suspense, useEffect } from 'react';
import { useSharedFetch } from '@/components/data/shared-fetch';
import { Badge } from '@/components/ui/badge';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { useNow } from './format-time';
import { appStatus } from './status-queries';
import type { StreamState } from './use-live-app-status';
import type { LogReading } from './crash-cause';

// The status arrives from the cluster after the page renders (never with it): the code that shows
// it loads at the same time as that first read, so the page is usable sooner and nothing waits.
const loadStatusBody = () => import('./status-body');
const StatusBody = lazy(() => loadStatusBody().then((module) => ({ default: module.StatusBody })));

export interface EnvironmentInfo {
  name: string;
  cluster: string;
  project: string;
}

function Loading({ environment }: { environment: EnvironmentInfo }) {
  return (
    <div aria-busy="true" className="space-y-3">
      <p role="status" className="text-sm text-slate-600">
        Reading {environment.name} from {environment.cluster}…
      </p>
      <div className="h-16 animate-pulse rounded-md bg-slate-100 motion-reduce:animate-none" />
      <div className="h-24 animate-pulse rounded-md bg-slate-100 motion-reduce:animate-none" />
    </div>
  );
}

export function EnvironmentStatus({ app, environment, streamState, logReading }: { app: string; environment: EnvironmentInfo; streamState: StreamState; logReading?: LogReading }) {
  const now = useNow(5_000);
  useEffect(() => {
    void loadStatusBody();
  }, []);
  // The stream keeps it current; poll only while the stream is down.
  const query = useSharedFetch(appStatus(app, environment.name), { poll: streamState !== 'live' });
  const headingId = `status-${environment.name}`;
  const status = query.data;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 id={headingId} className="text-lg font-semibold capitalize text-slate-900">
          {environment.name}
        </h3>
        <span className="font-mono text-xs text-slate-500">
          {environment.cluster} · {environment.project} · namespace {status?.namespace ?? '…'}
        </span>
        {status?.cluster.sandbox ? <Badge tone="info">sandbox cluster</Badge> : null}
        <Link href={`/apps/${app}/timeline?env=${environment.name}`} className="ml-auto text-sm">
          Timeline of {environment.name} →
        </Link>
      </div>
      {status ? (
        <LoadBoundary what={`The status of ${environment.name}`}>
          <Suspense fallback={<Loading environment={environment} />}>
            <StatusBody status={status} now={now} logReading={logReading} />
          </Suspense>
        </LoadBoundary>
      ) : query.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">The status of {environment.name} could not be loaded.</p>
          <p>{query.error.message} Berth tries again by itself.</p>
        </div>
      ) : (
        <Loading environment={environment} />
      )}
    </section>
  );
}
