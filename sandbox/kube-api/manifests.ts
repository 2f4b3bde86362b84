// What the shared Helm chart renders for one app, and what the controllers stamp out from it:
// Deployment and PodDisruptionBudget from the values, ReplicaSet from a Deployment's template,
// Pod from a ReplicaSet — with the labels, annotations and defaults the real objects carry.
import { DEFAULT_CHART, type DesiredApp, type DesiredDeployment } from './desired-state';
import type { Container, Deployment, EnvVar, OwnerReference, Pod, PodDisruptionBudget, PodTemplateSpec, ReplicaSet } from './kube-types';
import { clone } from './kube-types';
import { fnv32a, safeEncodeString } from './random';

export const LABEL_NAME = 'app.kubernetes.io/name';
export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
export const LABEL_CHART = 'helm.sh/chart';
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
export const ANNOTATION_CONFIG_REVISION = 'berth.dev/config-revision';
export const ANNOTATION_REVISION = 'deployment.kubernetes.io/revision';
export const ANNOTATION_DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const ANNOTATION_MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ANNOTATION_DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

export const ISTIO_PROXY_IMAGE = 'gcr.io/gke-release/asm/proxyv2:1.22.3-asm.1';

export interface RenderOptions {
  /** Inject an Istio sidecar (`istio-proxy`) the way the mutating webhook would. */
  istioSidecar?: boolean;
}

export function deploymentName(app: string, deployment: string): string {
  return `${app}-${deployment}`;
}

function chartLabels(app: DesiredApp, component?: string): Record<string, string> {
  const labels: Record<string, string> = { [LABEL_NAME]: app.app, [LABEL_INSTANCE]: app.app };
  if (component) labels[LABEL_COMPONENT] = component;
  labels[LABEL_MANAGED_BY] = 'Helm';
  labels[LABEL_CHART] = app.chart ?? DEFAULT_CHART;
  return labels;
}

function envVars(app: DesiredApp, deployment: DesiredDeployment): EnvVar[] {
  const env: EnvVar[] = Object.entries(deployment.env).map(([name, value]) => ({ name, value }));
  for (const name of deployment.secretEnvNames) env.push({ name, valueFrom: { secretKeyRef: { name: `${app.app}-secrets`, key: name } } });
  return env;
}

function appContainer(app: DesiredApp, deployment: DesiredDeployment): Container {
  const container: Container = {
    name: deployment.name,
    image: deployment.image,
    resources: clone(deployment.resources ?? {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  if (deployment.command?.length) container.command = [...deployment.command];
  if (deployment.port) container.ports = [{ name: 'http', containerPort: deployment.port, protocol: 'TCP' }];
  const env = envVars(app, deployment);
  if (env.length) container.env = env;
  if (deployment.readinessPath && deployment.port) {
    container.readinessProbe = {
      httpGet: { path: deployment.readinessPath, port: 'http', scheme: 'HTTP' },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    };
  }
  return container;
}

function istioProxy(): Container {
  return {
    name: 'istio-proxy',
    image: ISTIO_PROXY_IMAGE,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    ports: [{ name: 'http-envoy-prom', containerPort: 15090, protocol: 'TCP' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2', memory: '1Gi' } },
    readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 15, timeoutSeconds: 3, successThreshold: 1, failureThreshold: 4 },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

/** The Deployment the chart renders for one entry of `deployments:`. */
export function renderDeployment(app: DesiredApp, deployment: DesiredDeployment, options: RenderOptions = {}): Deployment {
  const labels = chartLabels(app, deployment.name);
  const selector = { [LABEL_INSTANCE]: app.app, [LABEL_COMPONENT]: deployment.name };
  const containers = [appContainer(app, deployment)];
  const templateAnnotations: Record<string, string> = { [ANNOTATION_CONFIG_REVISION]: app.revision };
  if (options.istioSidecar) {
    containers.push(istioProxy());
    templateAnnotations[ANNOTATION_DEFAULT_CONTAINER] = deployment.name;
    templateAnnotations['sidecar.istio.io/status'] = '{"initContainers":null,"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data","istio-podinfo","istio-token","istiod-ca-cert"],"imagePullSecrets":null,"revision":"asm-managed"}';
  }
  const template: PodTemplateSpec = {
    metadata: { creationTimestamp: null, labels: { ...labels }, annotations: templateAnnotations },
    spec: {
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: app.app,
      serviceAccount: app.app,
      securityContext: {},
      schedulerName: 'default-scheduler',
    },
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: deploymentName(app.app, deployment.name),
      namespace: app.namespace,
      labels,
      annotations: { 'meta.helm.sh/release-name': app.app, 'meta.helm.sh/release-namespace': app.namespace },
    },
    spec: {
      replicas: deployment.replicas,
      selector: { matchLabels: selector },
      template,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: deployment.maxSurge, maxUnavailable: deployment.maxUnavailable } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {},
  };
}

export function pdbName(app: DesiredApp): string {
  return app.app;
}

export function renderPodDisruptionBudget(app: DesiredApp): PodDisruptionBudget | undefined {
  if (!app.pdb || (app.pdb.minAvailable === undefined && app.pdb.maxUnavailable === undefined)) return undefined;
  const spec: PodDisruptionBudget['spec'] = { selector: { matchLabels: { [LABEL_INSTANCE]: app.app } } };
  if (app.pdb.minAvailable !== undefined) spec.minAvailable = app.pdb.minAvailable;
  else spec.maxUnavailable = app.pdb.maxUnavailable;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: {
      name: pdbName(app),
      namespace: app.namespace,
      labels: chartLabels(app),
      annotations: { 'meta.helm.sh/release-name': app.app, 'meta.helm.sh/release-namespace': app.namespace },
    },
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

/** controller.ComputeHash: FNV-32a over the template (and collision count), safe-encoded. */
export function podTemplateHash(template: PodTemplateSpec, collisionCount = 0): string {
  const text = JSON.stringify(template) + (collisionCount ? String(collisionCount) : '');
  return safeEncodeString(String(fnv32a(text)));
}

export function ownerReference(owner: { apiVersion?: string; kind?: string; metadata: { name: string; uid?: string } }): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** copyDeploymentAnnotationsToReplicaSet: everything but the controller's own bookkeeping. */
function copiedAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const skip = new Set([ANNOTATION_REVISION, ANNOTATION_DESIRED_REPLICAS, ANNOTATION_MAX_REPLICAS, 'deployment.kubernetes.io/revision-history', 'kubectl.kubernetes.io/last-applied-configuration']);
  return Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => !skip.has(key)));
}

export function renderReplicaSet(deployment: Deployment, hash: string, replicas: number, revision: number, maxReplicas: number): ReplicaSet {
  const template = clone(deployment.spec.template);
  template.metadata.labels = { ...template.metadata.labels, [LABEL_POD_TEMPLATE_HASH]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${deployment.metadata.name}-${hash}`,
      namespace: deployment.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: {
        ...copiedAnnotations(deployment.metadata.annotations),
        [ANNOTATION_DESIRED_REPLICAS]: String(deployment.spec.replicas),
        [ANNOTATION_MAX_REPLICAS]: String(maxReplicas),
        [ANNOTATION_REVISION]: String(revision),
      },
      ownerReferences: [ownerReference(deployment)],
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...(deployment.spec.selector.matchLabels ?? {}), [LABEL_POD_TEMPLATE_HASH]: hash } },
      template,
    },
    status: { replicas: 0 },
  };
}

export function renderPod(rs: ReplicaSet, name: string): Pod {
  const template = rs.spec.template;
  const spec = clone(template.spec);
  spec.tolerations = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ];
  spec.priority = 0;
  spec.enableServiceLinks = true;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [ownerReference(rs)],
    },
    spec,
    status: { phase: 'Pending', qosClass: qosClass(spec.containers) },
  };
  if (template.metadata.annotations && Object.keys(template.metadata.annotations).length) pod.metadata.annotations = { ...template.metadata.annotations };
  return pod;
}

function qosClass(containers: Container[]): string {
  let guaranteed = true;
  let any = false;
  for (const c of containers) {
    const { requests = {}, limits = {} } = c.resources;
    if (requests.cpu || requests.memory || limits.cpu || limits.memory) any = true;
    if (!limits.cpu || !limits.memory) guaranteed = false;
    if ((requests.cpu && requests.cpu !== limits.cpu) || (requests.memory && requests.memory !== limits.memory)) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** intstr.GetScaledValueFromIntOrPercent */
export function scaledValue(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number(value) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** deploymentutil.ResolveFenceposts: surge rounds up, unavailable rounds down, never both zero. */
export function resolveFenceposts(deployment: Deployment): { maxSurge: number; maxUnavailable: number } {
  const rolling = deployment.spec.strategy.rollingUpdate;
  const replicas = deployment.spec.replicas;
  const maxSurge = scaledValue(rolling?.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = scaledValue(rolling?.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}
