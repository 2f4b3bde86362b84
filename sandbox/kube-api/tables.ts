// meta.k8s.io/v1 Table output with the columns and cell formatting of the API server's own
// printers (pkg/printers/internalversion), which is what `kubectl get` prints.
import { parseTime, type Deployment, type KubeEvent, type KubeObject, type Namespace, type Pod, type PodDisruptionBudget, type ReplicaSet } from './kube-types';
import { formatLabelSelector } from './selectors';
import type { ResourceName } from './resources';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: (string | number)[];
  object?: KubeObject;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** duration.HumanDuration from k8s.io/apimachinery. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

function since(timestamp: string | undefined | null, now: number): string {
  const t = parseTime(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
const AGE_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

const nameColumn = column('Name', 'string', NAME_DESCRIPTION, 0, 'name');
const ageColumn = column('Age', 'string', AGE_DESCRIPTION);

interface Printer {
  columns: TableColumnDefinition[];
  cells(object: KubeObject, now: number): (string | number)[];
}

function containerNames(template: { spec: { containers: { name: string; image: string }[] } }): [string, string] {
  return [template.spec.containers.map((c) => c.name).join(','), template.spec.containers.map((c) => c.image).join(',')];
}

function podCells(object: KubeObject, now: number): (string | number)[] {
  const pod = object as Pod;
  const total = pod.spec.containers.length;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason: string = pod.status.reason || pod.status.phase;
  let hasRunning = false;
  const statuses = pod.status.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    restarts += c.restartCount;
    const finished = parseTime(c.lastState.terminated?.finishedAt);
    if (finished !== undefined && finished > lastRestart) lastRestart = finished;
    if (c.state.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  const restartText = restarts !== 0 && lastRestart ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return [
    pod.metadata.name,
    `${ready}/${total}`,
    reason,
    restartText,
    since(pod.metadata.creationTimestamp, now),
    pod.status.podIP || '<none>',
    pod.spec.nodeName || '<none>',
    '<none>',
    '<none>',
  ];
}

function eventCells(object: KubeObject, now: number): (string | number)[] {
  const e = object as KubeEvent;
  const first = since(e.firstTimestamp, now);
  const last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
  const target = e.involvedObject.name ? `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}` : e.involvedObject.kind.toLowerCase();
  const source = e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component;
  return [last, e.type, e.reason, target, e.involvedObject.fieldPath ?? '', source, e.message.trim(), first, e.count || 1, e.metadata.name];
}

function intOrPercentText(value: number | string | undefined): string {
  return value === undefined ? 'N/A' : String(value);
}

const PRINTERS: Record<ResourceName, Printer> = {
  pods: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      column('Status', 'string', 'The aggregate status of the containers in this pod.'),
      column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      ageColumn,
      column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1),
      column('Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.', 1),
      column('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.', 1),
      column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
    ],
    cells: podCells,
  },
  deployments: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'Number of the pod with ready state'),
      column('Up-to-date', 'integer', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      column('Available', 'integer', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      ageColumn,
      column('Containers', 'string', 'Names of each container in the template.', 1),
      column('Images', 'string', 'Images referenced by each container in the template.', 1),
      column('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', 1),
    ],
    cells(object, now) {
      const d = object as Deployment;
      const [names, images] = containerNames(d.spec.template);
      return [
        d.metadata.name,
        `${d.status.readyReplicas ?? 0}/${d.spec.replicas}`,
        d.status.updatedReplicas ?? 0,
        d.status.availableReplicas ?? 0,
        since(d.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(d.spec.selector),
      ];
    },
  },
  replicasets: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works'),
      column('Current', 'integer', 'Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/#how-a-replicaset-works'),
      column('Ready', 'integer', 'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.'),
      ageColumn,
      column('Containers', 'string', 'Names of each container in the template.', 1),
      column('Images', 'string', 'Images referenced by each container in the template.', 1),
      column('Selector', 'string', 'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', 1),
    ],
    cells(object, now) {
      const rs = object as ReplicaSet;
      const [names, images] = containerNames(rs.spec.template);
      return [
        rs.metadata.name,
        rs.spec.replicas,
        rs.status.replicas ?? 0,
        rs.status.readyReplicas ?? 0,
        since(rs.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(rs.spec.selector),
      ];
    },
  },
  namespaces: {
    columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
    cells(object, now) {
      const ns = object as Namespace;
      return [ns.metadata.name, ns.status.phase, since(ns.metadata.creationTimestamp, now)];
    },
  },
  events: {
    columns: [
      column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
      column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
      column('Reason', 'string', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
      column('Object', 'string', 'The object that this event is about.'),
      column('Subobject', 'string', 'If the reference is to a portion of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].', 1),
      column('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1),
      column('Message', 'string', 'A human-readable description of the status of this operation.'),
      column('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
      column('Count', 'string', 'The number of times this event has occurred.', 1),
      column('Name', 'string', NAME_DESCRIPTION, 1),
    ],
    cells: eventCells,
  },
  poddisruptionbudgets: {
    columns: [
      nameColumn,
      column('Min Available', 'string', 'The minimum number of pods that must be available simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable simultaneously.  This can be either an integer or a string specifying a percentage, e.g. "28%".'),
      column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
      ageColumn,
    ],
    cells(object, now) {
      const pdb = object as PodDisruptionBudget;
      return [
        pdb.metadata.name,
        intOrPercentText(pdb.spec.minAvailable),
        intOrPercentText(pdb.spec.maxUnavailable),
        pdb.status.disruptionsAllowed ?? 0,
        since(pdb.metadata.creationTimestamp, now),
      ];
    },
  },
};

function rowObject(object: KubeObject, includeObject: IncludeObject): KubeObject | undefined {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export interface TableOptions {
  now: number;
  includeObject: IncludeObject;
  /** Leave out column definitions (watch events after the first). */
  noHeaders?: boolean;
  listMeta?: Table['metadata'];
}

export function toTable(resource: ResourceName, objects: readonly KubeObject[], options: TableOptions): Table {
  const printer = PRINTERS[resource];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: options.listMeta ?? {},
    columnDefinitions: options.noHeaders ? [] : printer.columns,
    rows: objects.map((object) => {
      const row: TableRow = { cells: printer.cells(object, options.now) };
      const included = rowObject(object, options.includeObject);
      if (included) row.object = included;
      return row;
    }),
  };
}

/** Reads `application/json;as=Table;v=v1;g=meta.k8s.io` (v1beta1 too) out of an Accept header. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'));
  });
}

export function parseIncludeObject(value: string | null): IncludeObject {
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}
