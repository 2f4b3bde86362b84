// How Berth finds an app's objects in a cluster: the labels and annotations the shared chart (and
// CI/CD) put on them, and one app's objects as the informer caches hold them.
import type { CoreV1Event, V1Deployment, V1Pod, V1PodDisruptionBudget, V1ReplicaSet } from '@kubernetes/client-node';

export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const ANNOTATION_CONFIG_REVISION = 'berth.dev/config-revision';
export const ANNOTATION_ROLLOUT_NUMBER = 'deployment.kubernetes.io/revision';
/** Containers the platform adds to every pod; they are not the app's own. */
export const SIDECARS = new Set(['istio-proxy']);

export interface AppObjects {
  deployments: V1Deployment[];
  replicaSets: V1ReplicaSet[];
  pods: V1Pod[];
  disruptionBudgets: V1PodDisruptionBudget[];
  /** Events of the app's namespace (filtered to the app's objects here). */
  events: CoreV1Event[];
}

export type LabelledObject = { metadata?: { namespace?: string; labels?: Record<string, string> } };

/** The objects the chart made for `app` (its instance label) in its namespace. */
export function ofApp<T extends LabelledObject>(items: T[], app: string, namespace: string): T[] {
  return items.filter((o) => o.metadata?.namespace === namespace && o.metadata?.labels?.[LABEL_INSTANCE] === app);
}

/** The controller (a ReplicaSet of a pod, a Deployment of a ReplicaSet) that owns an object. */
export function controllerName(meta: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } | undefined, kind: string): string | undefined {
  return meta?.ownerReferences?.find((r) => r.controller && r.kind === kind)?.name;
}
