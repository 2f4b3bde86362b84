// One timeline of what happened to an app in one environment: the values commits that changed its
// deploy, the rollouts that followed, the container restarts and the warning events — the order
// of things an engineer reconstructs by hand from git, kubectl and the Activity tab on Aptible.
// Pure: it reads the informer caches' objects and the commits it is given.
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { CommitApproval } from '@/lib/changes/commit-approvals';
import type { CommitSummary } from '@/lib/gitops/history';
import { concernsApp, eventTime, toStatusEvent } from './app-events';
import { ANNOTATION_CONFIG_REVISION, type AppObjects, LABEL_COMPONENT, ofApp } from './chart-labels';
import { toMillis } from './object-time';

export type TimelineEntry =
  | {
      kind: 'commit';
      time: string;
      revision: string;
      subject: string;
      author: string;
      approvedBy?: string;
      changeId?: number;
      files: string[];
      /** Its values fail validation in this environment: CI/CD skips it (the first error). */
      undeployable?: string;
    }
  | { kind: 'rollout'; time: string; component: string; rolloutNumber?: number; configRevision?: string; images: string[]; replicaSet: string }
  | { kind: 'restart'; time: string; pod: string; container: string; reason: string; exitCode?: number; restarts: number }
  | { kind: 'warning'; time: string; reason: string; message: string; object: string; count: number };

export interface TimelineInput {
  app: string;
  namespace: string;
  objects: AppObjects;
  /** Commits that changed the app's deploy in this environment, newest first, with the approval Berth recorded. */
  commits: (CommitSummary & { approval?: CommitApproval })[];
  /** Entries from this moment (ms) on. */
  since: number;
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** More than this many entries is noise for a page meant to be read top to bottom. */
export const MAX_TIMELINE_ENTRIES = 300;

function rollout(replicaSet: V1ReplicaSet): TimelineEntry | null {
  const created = toMillis(replicaSet.metadata?.creationTimestamp);
  if (created === undefined) return null;
  const revision = Number(replicaSet.metadata?.annotations?.[REVISION_ANNOTATION]);
  const template = replicaSet.spec?.template;
  return {
    kind: 'rollout',
    time: new Date(created).toISOString(),
    component: replicaSet.metadata?.labels?.[LABEL_COMPONENT] ?? replicaSet.metadata?.name ?? '',
    rolloutNumber: Number.isInteger(revision) && revision > 0 ? revision : undefined,
    configRevision: template?.metadata?.annotations?.[ANNOTATION_CONFIG_REVISION],
    images: (template?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean),
    replicaSet: replicaSet.metadata?.name ?? '',
  };
}

/** Kubernetes keeps only each container's last termination: one entry per container at most. */
function restarts(pod: V1Pod): TimelineEntry[] {
  return (pod.status?.containerStatuses ?? []).flatMap((container) => {
    const terminated = container.lastState?.terminated;
    const finished = toMillis(terminated?.finishedAt);
    if (!terminated || finished === undefined) return [];
    return [
      {
        kind: 'restart' as const,
        time: new Date(finished).toISOString(),
        pod: pod.metadata?.name ?? '',
        container: container.name,
        reason: terminated.reason ?? 'exited',
        exitCode: terminated.exitCode,
        restarts: container.restartCount ?? 0,
      },
    ];
  });
}

/** Newest first; ties keep cause before effect (a commit, then its rollout, then what followed). */
export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const { app, namespace, objects, since } = input;
  const entries: TimelineEntry[] = [
    ...input.commits.map(
      (c): TimelineEntry => ({
        kind: 'commit',
        time: c.time,
        revision: c.revision,
        subject: c.subject,
        author: c.author.name,
        approvedBy: c.approval?.approver.name,
        changeId: c.approval?.changeId,
        files: c.files,
      }),
    ),
    ...ofApp(objects.replicaSets, app, namespace).flatMap((rs) => rollout(rs) ?? []),
    ...ofApp(objects.pods, app, namespace).flatMap(restarts),
    ...objects.events
      .filter((e) => e.type === 'Warning' && concernsApp(e, app, namespace) && eventTime(e) > 0)
      .map((e): TimelineEntry => {
        const event = toStatusEvent(e);
        return { kind: 'warning', time: new Date(eventTime(e)).toISOString(), reason: event.reason, message: event.message, object: `${event.object.kind} ${event.object.name}`.trim(), count: event.count };
      }),
  ];
  const order: Record<TimelineEntry['kind'], number> = { commit: 0, rollout: 1, restart: 2, warning: 3 };
  return entries
    .filter((e) => Date.parse(e.time) >= since)
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time) || order[b.kind] - order[a.kind])
    .slice(0, MAX_TIMELINE_ENTRIES);
}
