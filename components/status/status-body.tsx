'use client';

// An environment's status once it has arrived: the cluster's reachability, the verdict, "is my
// change live", deployments, pods (with a dialog per pod) and recent warnings. Loaded by
// EnvironmentStatus while the status is being read, so it is not part of the page's first load.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { AppStatus } from '@/lib/kube/app-status';
import { LoadBoundary } from '@/components/ui/load-boundary';
import { ChangeLive } from './change-live';
import type { LogReading } from './crash-cause';
import { DeploymentsTable } from './deployments-table';
import { EventsList } from './events-list';
import { formatAgo, formatClock } from './format-time';
import { PodsTable } from './pods-table';
import { VerdictPanel } from './verdict-panel';

// A pod's details open on a click: their code loads once the status is on screen, not with the page.
const loadPodDialog = () => import('./pod-dialog');
const PodDialog = lazy(() => loadPodDialog().then((module) => ({ default: module.PodDialog })));

const SHOWN_WARNINGS = 5;

function ClusterNotice({ status, now }: { status: AppStatus; now: number }) {
  const { cluster } = status;
  if (cluster.reachability === 'unreachable') {
    const since = cluster.unreachableSince;
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
        <p className="font-semibold">{cluster.name} is unreachable{since ? ` since ${formatClock(since)} (${formatAgo(since, now)})` : ''}.</p>
        <p>
          {cluster.lastSyncAt ? `What you see is the last good data, from ${formatClock(since ?? cluster.lastSyncAt)}.` : 'Berth has no data from this cluster yet.'} Berth reconnects by
          itself; this page updates when it does.
        </p>
        {cluster.error ? <p className="mt-1 font-mono text-xs text-amber-900">{cluster.error}</p> : null}
      </div>
    );
  }
  if (cluster.reachability === 'not-configured') {
    return (
      <div role="alert" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800">
        <p className="font-semibold">Berth has no access to {cluster.name}.</p>
        <p>{cluster.error ?? `No kubeconfig context “${cluster.context}”.`} The platform team configures Berth’s cluster credentials (#platform-help).</p>
      </div>
    );
  }
  if (cluster.reachability === 'connecting') {
    return (
      <p role="status" className="text-sm text-slate-600">
        Reading {cluster.name} for the first time…
      </p>
    );
  }
  return null;
}

export function StatusBody({ status, now, logReading }: { status: AppStatus; now: number; logReading?: LogReading }) {
  const [openPod, setOpenPod] = useState<string | null>(null);
  // Mounted from the first open on, so closing it returns focus the way a native dialog does.
  const [dialogMounted, setDialogMounted] = useState(false);
  useEffect(() => {
    void loadPodDialog();
  }, []);
  const trigger = useRef<HTMLElement | null>(null);
  const env = status.environment;
  const notDeployed = status.deployments.length === 0;
  const warnings = status.warnings;
  return (
    <div className="space-y-4">
      <ClusterNotice status={status} now={now} />
      <VerdictPanel status={status} logReading={logReading} />
      <ChangeLive change={status.change} app={status.app} environment={status.environment} />

      {notDeployed ? (
        status.cluster.reachability === 'reachable' ? (
          <p className="text-sm text-slate-600">
            There is nothing of {status.app} in namespace <span className="font-mono">{status.namespace}</span> on {status.cluster.name} yet. After the values are committed, CI/CD
            deploys the app and its pods appear here by themselves.
          </p>
        ) : null
      ) : (
        <>
          <div>
            <h4 className="mb-1 text-sm font-semibold text-slate-800">Deployments</h4>
            <DeploymentsTable deployments={status.deployments} budgets={status.disruptionBudgets} environment={env} />
          </div>
          <div>
            <h4 className="mb-1 text-sm font-semibold text-slate-800">
              Pods <span className="font-normal text-slate-500">({status.pods.length})</span>
            </h4>
            {status.pods.length === 0 ? (
              <p className="text-sm text-slate-600">No pods yet: the deployments exist and Kubernetes is creating them.</p>
            ) : (
              <PodsTable
                pods={status.pods}
                environment={env}
                now={now}
                onOpen={(pod, element) => {
                  trigger.current = element;
                  setDialogMounted(true);
                  setOpenPod(pod);
                }}
              />
            )}
          </div>
        </>
      )}

      <div>
        <h4 className="mb-1 text-sm font-semibold text-slate-800">Recent warnings</h4>
        <EventsList events={warnings.slice(0, SHOWN_WARNINGS)} now={now} label={`Recent warnings in ${env}`} empty="No warnings in the last hour." />
        {warnings.length > SHOWN_WARNINGS ? (
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer text-brand-700">{warnings.length - SHOWN_WARNINGS} more warnings</summary>
            <EventsList events={warnings.slice(SHOWN_WARNINGS)} now={now} label={`More warnings in ${env}`} empty="" />
          </details>
        ) : null}
      </div>

      {dialogMounted ? (
        <LoadBoundary what="The pod's details">
          <Suspense fallback={null}>
            <PodDialog
              app={status.app}
              environment={env}
              podName={openPod}
              pod={status.pods.find((p) => p.name === openPod)}
              now={now}
              onClose={() => {
                setOpenPod(null);
                if (trigger.current?.isConnected) trigger.current.focus();
              }}
            />
          </Suspense>
        </LoadBoundary>
      ) : null}
    </div>
  );
}
