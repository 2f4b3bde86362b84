// The baseline for status: what Backstage's Kubernetes plugin does on every page view — list the
// app's objects from the API server with a label selector across all namespaces (plus the events
// of its namespace) through @kubernetes/client-node — then the same summary Berth makes.
// Conservative: it lists only the five kinds Berth's summary reads (Backstage lists a dozen) and
// skips "is my change live" (Berth's figure includes it).
import { AppsV1Api, CoreV1Api, type KubeConfig, PolicyV1Api } from '@kubernetes/client-node';
import type { AppStatus, ClusterState } from '@/lib/kube/app-status';
import { LABEL_INSTANCE } from '@/lib/kube/chart-labels';
import { summarizeAppStatus } from '@/lib/kube/summarize-app-status';

export interface ListClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  policy: PolicyV1Api;
}

export function makeListClients(kubeConfig: KubeConfig): ListClients {
  return { core: kubeConfig.makeApiClient(CoreV1Api), apps: kubeConfig.makeApiClient(AppsV1Api), policy: kubeConfig.makeApiClient(PolicyV1Api) };
}

export async function listAppStatus(clients: ListClients, app: { name: string; namespace: string }, environment: string, cluster: ClusterState): Promise<AppStatus> {
  const labelSelector = `${LABEL_INSTANCE}=${app.name}`;
  const [pods, deployments, replicaSets, budgets, events] = await Promise.all([
    clients.core.listPodForAllNamespaces({ labelSelector }),
    clients.apps.listDeploymentForAllNamespaces({ labelSelector }),
    clients.apps.listReplicaSetForAllNamespaces({ labelSelector }),
    clients.policy.listPodDisruptionBudgetForAllNamespaces({ labelSelector }),
    clients.core.listNamespacedEvent({ namespace: app.namespace }),
  ]);
  return summarizeAppStatus(
    {
      app: app.name,
      environment,
      namespace: app.namespace,
      cluster,
      objects: { pods: pods.items, deployments: deployments.items, replicaSets: replicaSets.items, disruptionBudgets: budgets.items, events: events.items },
    },
    Date.now(),
  );
}
