// Every line a sandbox pod writes, as the GKE logging agent would ship it to Cloud Logging: one
// SandboxLogRecord with the cluster and project of its environment and the pod's labels.
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import type { KubeApiServer } from '@/sandbox/kube-api/server';

export interface ClusterIdentity {
  /** resource.labels.cluster_name, e.g. gke-stage. */
  cluster: string;
  projectId: string;
}

export interface PodLogFeed {
  feed: MemoryLogFeed;
  close(): void;
}

export function startPodLogFeed(server: KubeApiServer, identities: Record<string, ClusterIdentity>, maxRecords = 100_000): PodLogFeed {
  const feed = new MemoryLogFeed(maxRecords);
  let sequence = 0;
  const stops = server.clusters.map((name) => {
    const identity = identities[name] ?? { cluster: `gke-${name}`, projectId: `meridian-${name}` };
    return server.logs(name).onLine((line, source) => {
      sequence += 1;
      feed.push({
        cluster: identity.cluster,
        projectId: identity.projectId,
        namespace: source.namespace,
        pod: source.pod,
        container: source.container,
        podLabels: { ...source.labels },
        time: new Date(line.time),
        nanos: line.nanos,
        text: line.text,
        stream: line.stream,
        insertId: `${name}-${sequence.toString(36).padStart(8, '0')}`,
        node: source.nodeName,
      });
    });
  });
  return {
    feed,
    close() {
      for (const stop of stops) stop();
    },
  };
}
