// The timeline from objects as the informer caches hold them (dates as client-node's LIST gives
// them, or as strings from a WATCH) and commits as history() returns them.
import type { CoreV1Event, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { CommitApproval } from '@/lib/changes/commit-approvals';
import type { CommitSummary } from '@/lib/gitops/history';
import { buildTimeline, MAX_TIMELINE_ENTRIES } from './app-timeline';
import type { AppObjects } from './chart-labels';

const NOW = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN);
const APP = 'intake-forms';
const REV = 'c'.repeat(40);
const labels = (app: string, component: string) => ({ 'app.kubernetes.io/instance': app, 'app.kubernetes.io/component': component });

function replicaSet(component: string, minutesAgo: number, rollout: number, app = APP): V1ReplicaSet {
  return {
    metadata: {
      name: `${app}-${component}-${rollout}abc`,
      namespace: app,
      labels: labels(app, component),
      creationTimestamp: at(minutesAgo),
      annotations: { 'deployment.kubernetes.io/revision': String(rollout) },
    },
    spec: { selector: {}, template: { metadata: { annotations: { 'berth.dev/config-revision': REV } }, spec: { containers: [{ name: component, image: `registry/${app}:v${rollout}` }] } } },
  };
}

function crashingPod(name: string, finishedMinutesAgo: number | null, app = APP): V1Pod {
  return {
    metadata: { name, namespace: app, labels: labels(app, 'web') },
    status: {
      containerStatuses: [
        {
          name: 'web',
          image: 'registry/x',
          imageID: '',
          ready: false,
          restartCount: 7,
          // A WATCH delivers times as strings.
          lastState: finishedMinutesAgo === null ? {} : { terminated: { exitCode: 1, reason: 'Error', finishedAt: at(finishedMinutesAgo).toISOString() as unknown as Date } },
        },
      ],
    },
  };
}

function warning(object: string, minutesAgo: number, reason = 'BackOff', namespace = APP): CoreV1Event {
  return {
    metadata: { name: `${object}.1`, namespace },
    involvedObject: { kind: 'Pod', name: object, namespace },
    type: 'Warning',
    reason,
    message: 'Back-off restarting failed container web',
    count: 12,
    lastTimestamp: at(minutesAgo),
  };
}

function commit(subject: string, minutesAgo: number, approvedBy?: string): CommitSummary & { approval?: CommitApproval } {
  return {
    ...(approvedBy ? { approval: { changeId: 7, approver: { name: approvedBy, email: 'ben@x' } } } : {}),
    revision: REV,
    shortRevision: REV.slice(0, 7),
    message: subject,
    subject,
    author: { name: 'Ana Souza', email: 'ana@x' },
    committer: { name: 'Berth', email: 'berth@x' },
    time: at(minutesAgo).toISOString(),
    parents: [],
    files: ['apps/intake-forms/values-stage.yaml'],
  };
}

const objects = (partial: Partial<AppObjects>): AppObjects => ({ deployments: [], replicaSets: [], pods: [], disruptionBudgets: [], events: [], ...partial });

describe('buildTimeline', () => {
  it('puts commits, rollouts, restarts and warnings in one list, newest first', () => {
    const entries = buildTimeline({
      app: APP,
      namespace: APP,
      since: NOW - 24 * 60 * MIN,
      commits: [commit('Raise web memory to 512Mi', 30, 'Ben Okafor')],
      objects: objects({
        replicaSets: [replicaSet('web', 29, 4), replicaSet('web', 600, 3)],
        pods: [crashingPod('intake-forms-web-4abc-x1', 5), crashingPod('intake-forms-web-4abc-x2', null)],
        events: [warning('intake-forms-web-4abc-x1', 2)],
      }),
    });
    expect(entries.map((e) => e.kind)).toEqual(['warning', 'restart', 'rollout', 'commit', 'rollout']);
    expect(entries[0]).toMatchObject({ reason: 'BackOff', count: 12, object: 'Pod intake-forms-web-4abc-x1' });
    expect(entries[1]).toMatchObject({ pod: 'intake-forms-web-4abc-x1', container: 'web', reason: 'Error', exitCode: 1, restarts: 7, time: at(5).toISOString() });
    expect(entries[2]).toMatchObject({ component: 'web', rolloutNumber: 4, configRevision: REV, images: ['registry/intake-forms:v4'] });
    expect(entries[3]).toMatchObject({ subject: 'Raise web memory to 512Mi', author: 'Ana Souza', approvedBy: 'Ben Okafor', changeId: 7 });
  });

  it('leaves out what happened before the window and what belongs to other apps', () => {
    const entries = buildTimeline({
      app: APP,
      namespace: APP,
      since: NOW - 60 * MIN,
      commits: [commit('Old change', 120)],
      objects: objects({
        replicaSets: [replicaSet('web', 90, 2), replicaSet('web', 10, 1, 'scheduler')],
        pods: [crashingPod('intake-forms-web-x', 61), crashingPod('scheduler-web-x', 5, 'scheduler')],
        // Same namespace but another object name, and another namespace with a look-alike name.
        events: [warning('billing-sync-web-x', 3), warning('intake-forms-web-x', 3, 'BackOff', 'elsewhere')],
      }),
    });
    expect(entries).toEqual([]);
  });

  it('puts the cause before the effect when they share a second', () => {
    const entries = buildTimeline({
      app: APP,
      namespace: APP,
      since: 0,
      commits: [commit('Bump image', 10)],
      objects: objects({ replicaSets: [replicaSet('web', 10, 5)] }),
    });
    expect(entries.map((e) => e.kind)).toEqual(['rollout', 'commit']);
  });

  it('keeps at most MAX_TIMELINE_ENTRIES, the newest', () => {
    const events = Array.from({ length: MAX_TIMELINE_ENTRIES + 20 }, (_, i) => warning(`intake-forms-web-${i}`, i % 600));
    const entries = buildTimeline({ app: APP, namespace: APP, since: 0, commits: [], objects: objects({ events }) });
    expect(entries).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(Date.parse(entries[0].time)).toBe(NOW);
  });
});
