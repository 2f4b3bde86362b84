// Pod log lines become Cloud Logging records labelled like GKE's: cluster, project, pod labels.
import { afterAll, describe, expect, it } from 'vitest';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { app, waitFor } from '@/sandbox/kube-api/test-helpers';
import { startPodLogFeed } from './pod-log-feed';

let server: KubeApiServer | undefined;

afterAll(async () => {
  await server?.close();
});

describe('startPodLogFeed', () => {
  it('turns every pod log line into a record with its environment’s cluster and project', async () => {
    server = await startKubeApiServer({ clusters: ['stage', 'production'], seed: 'feed', timeScale: 50 });
    const feed = startPodLogFeed(server, { stage: { cluster: 'gke-stage', projectId: 'meridian-stage' }, production: { cluster: 'gke-production', projectId: 'meridian-prod' } });
    const seen: string[] = [];
    const stop = feed.feed.subscribe((record) => seen.push(record.pod));
    server.applyDesiredState('stage', [app('notifications', [{ name: 'consumer', replicas: 1 }])]);
    server.applyDesiredState('production', [app('notifications', [{ name: 'consumer', replicas: 1 }])]);

    const records = await waitFor(() => {
      const all = [...feed.feed.entries()];
      return all.some((r) => r.cluster === 'gke-stage') && all.some((r) => r.cluster === 'gke-production') ? all : undefined;
    }, { what: 'log lines from both clusters' });
    const stage = records.find((r) => r.cluster === 'gke-stage')!;
    expect(stage).toMatchObject({ projectId: 'meridian-stage', namespace: 'notifications', container: 'consumer', stream: expect.stringMatching(/^std(out|err)$/) });
    expect(stage.podLabels['app.kubernetes.io/instance']).toBe('notifications');
    expect(stage.pod).toMatch(/^notifications-consumer-/);
    expect(stage.node).toMatch(/^gke-stage-default-pool-/);
    expect(records.find((r) => r.cluster === 'gke-production')?.projectId).toBe('meridian-prod');
    expect(new Set(records.map((r) => r.insertId)).size).toBe(records.length);
    expect(seen.length).toBeGreaterThan(0);

    stop();
    feed.close();
    const count = [...feed.feed.entries()].length;
    server.simulator('stage').mutatePod('notifications', records.find((r) => r.cluster === 'gke-stage')!.pod, { type: 'log', lines: ['after close'] });
    expect([...feed.feed.entries()]).toHaveLength(count);
  });
});
