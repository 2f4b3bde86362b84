// A container's log line as GKE's logging agent writes it to Cloud Logging: the k8s_container
// resource, pod labels as labels."k8s-pod/…", stdout/stderr as the log name, JSON lines as
// jsonPayload with their "severity" field lifted out, and plain lines as textPayload — INFO from
// stdout, ERROR from stderr (why unstructured stderr shows up as errors in the Logs Explorer).
import { type FilterableEntry, SEVERITY_LEVELS, type SeverityName } from './filter';

/** One line a container wrote, with where it came from: the sandbox's input. */
export interface SandboxLogRecord {
  /** e.g. gke-stage */
  cluster: string;
  projectId: string;
  namespace: string;
  pod: string;
  container: string;
  podLabels: Record<string, string>;
  time: Date;
  /** Sub-millisecond part of the time, 0–999999 ns (the kubelet keeps nanoseconds). */
  nanos?: number;
  text: string;
  stream: 'stdout' | 'stderr';
  insertId: string;
  /** The node the pod runs on (labels."compute.googleapis.com/resource_name"). */
  node?: string;
}

/** A stored entry: what filters see, plus the payload kept for the wire. */
export type GkeLogEntry = FilterableEntry;

export const GKE_LOCATION = 'us-central1';

export function toGkeLogEntry(record: SandboxLogRecord, location = GKE_LOCATION): GkeLogEntry {
  const timestamp = BigInt(record.time.getTime()) * 1_000_000n + BigInt(record.nanos ?? 0);
  const labels: Record<string, string> = {};
  if (record.node) labels['compute.googleapis.com/resource_name'] = record.node;
  for (const [key, value] of Object.entries(record.podLabels)) labels[podLabelKey(key)] = value;

  const entry: GkeLogEntry = {
    logName: `projects/${record.projectId}/logs/${record.stream}`,
    resource: {
      type: 'k8s_container',
      labels: {
        project_id: record.projectId,
        location,
        cluster_name: record.cluster,
        namespace_name: record.namespace,
        pod_name: record.pod,
        container_name: record.container,
      },
    },
    labels,
    severity: record.stream === 'stderr' ? 'ERROR' : 'INFO',
    timestamp,
    receiveTimestamp: timestamp,
    insertId: record.insertId,
  };

  const json = parseJsonObject(record.text);
  if (!json) {
    entry.textPayload = record.text;
    return entry;
  }
  if ('severity' in json) {
    const severity = typeof json.severity === 'string' ? json.severity.toUpperCase() : '';
    if (Object.hasOwn(SEVERITY_LEVELS, severity)) {
      entry.severity = severity as SeverityName;
      delete json.severity;
    } else {
      // An unrecognised severity stays in the payload, and the entry has none.
      entry.severity = 'DEFAULT';
    }
  }
  entry.jsonPayload = json;
  return entry;
}

/** `app.kubernetes.io/instance` → `k8s-pod/app_kubernetes_io/instance` (the prefix's slash stays). */
export function podLabelKey(key: string): string {
  return `k8s-pod/${key.replace(/\./g, '_')}`;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
