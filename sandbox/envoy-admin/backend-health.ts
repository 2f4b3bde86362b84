// What the GKE side of each route answers with: the app's serving pods in the production cluster
// (pods of deployments with a port, the ones the Istio ingress gateway routes to).
import { LABEL_INSTANCE } from '@/sandbox/kube-api/manifests';
import { isPodReady } from '@/sandbox/kube-api/simulator';
import type { ClusterStore } from '@/sandbox/kube-api/store';
import type { Pod } from '@/sandbox/kube-api/kube-types';
import type { BackendHealth } from './edge-proxy';

export function podBackendHealth(store: ClusterStore): () => Map<string, BackendHealth> {
  return () => {
    const health = new Map<string, BackendHealth>();
    for (const object of store.list('pods')) {
      const pod = object as Pod;
      const app = pod.metadata.labels?.[LABEL_INSTANCE];
      if (!app || pod.metadata.deletionTimestamp) continue;
      if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') continue;
      const serving = pod.spec.containers.some((c) => c.name !== 'istio-proxy' && (c.ports?.length ?? 0) > 0);
      if (!serving) continue;
      const entry = health.get(app) ?? { total: 0, ready: 0 };
      entry.total += 1;
      if (isPodReady(pod)) entry.ready += 1;
      health.set(app, entry);
    }
    return health;
  };
}
