// Berth's log query as a Cloud Logging filter, and the Logs Explorer link for it (isomorphic:
// the logs page shows the filter and the link in the browser).
import { type LogQuery, severityRank } from './log-entry';

export interface CloudLoggingFilterOptions {
  /** The project whose logs are read (GKE puts it in resource.labels.project_id). */
  projectId: string;
  /** Add `timestamp>=` / `timestamp<` for `since` / `until` (default true). A Logs Explorer link
   * sets its time range separately and leaves them out. */
  includeTime?: boolean;
}

type FilterQuery = Pick<
  LogQuery,
  'app' | 'namespace' | 'cluster' | 'pods' | 'container' | 'minSeverity' | 'text' | 'since' | 'until'
>;

/**
 * The Logging query language restrictions for a query, joined by spaces (implicit AND), e.g.
 * `resource.type="k8s_container" … labels."k8s-pod/app_kubernetes_io/instance"="intake-forms" severity>=ERROR "timeout"`.
 * Every value is a quoted, escaped string, so no value can change the filter's structure.
 */
export function buildCloudLoggingFilter(q: FilterQuery, options: CloudLoggingFilterOptions): string {
  const parts = [
    `resource.type="k8s_container"`,
    `resource.labels.project_id=${quoteFilterString(options.projectId)}`,
    `resource.labels.cluster_name=${quoteFilterString(q.cluster)}`,
    `resource.labels.namespace_name=${quoteFilterString(q.namespace)}`,
    // GKE copies pod labels as labels."k8s-pod/<key>", dots of the key turned into underscores.
    `labels.${quoteFilterString(podLabelKey('app.kubernetes.io/instance'))}=${quoteFilterString(q.app)}`,
  ];
  const pods = [...new Set(q.pods ?? [])];
  if (pods.length === 1) parts.push(`resource.labels.pod_name=${quoteFilterString(pods[0])}`);
  if (pods.length > 1) {
    parts.push(`(${pods.map((pod) => `resource.labels.pod_name=${quoteFilterString(pod)}`).join(' OR ')})`);
  }
  if (q.container) parts.push(`resource.labels.container_name=${quoteFilterString(q.container)}`);
  if (q.minSeverity && severityRank(q.minSeverity) > 0) parts.push(`severity>=${q.minSeverity}`);
  if (options.includeTime !== false) {
    if (q.since) parts.push(`timestamp>=${quoteFilterString(q.since.toISOString())}`);
    if (q.until) parts.push(`timestamp<${quoteFilterString(q.until.toISOString())}`);
  }
  const text = q.text?.trim();
  // A bare quoted string is a global restriction: the text anywhere in the entry.
  if (text) parts.push(quoteFilterString(text));
  return parts.join(' ');
}

/** The label key GKE's logging agent writes for a pod label: `k8s-pod/app_kubernetes_io/instance`. */
export function podLabelKey(kubernetesLabel: string): string {
  return `k8s-pod/${kubernetesLabel.replace(/\./g, '_')}`;
}

/**
 * A Logging query language string literal. Backslashes and double quotes are escaped; control
 * characters (newlines, tabs) become spaces, since a log search for them means nothing.
 */
export function quoteFilterString(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `"${flat.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export type LogsExplorerRange =
  | { since: Date; until: Date; cursor?: Date }
  /** An ISO 8601 duration back from now, e.g. `PT1H`, `P1D`. */
  | { duration: string; cursor?: Date };

const ISO_DURATION = /^P(?=\d|T\d)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/**
 * The Logs Explorer link for a filter, in the console's documented form
 * `https://console.cloud.google.com/logs/query;query=…;timeRange=START/END?project=P`.
 * Each value is percent-encoded completely (including `;`, `=`, `/`, `(`, `)`), so the filter
 * cannot break out of its `query=` parameter.
 */
export function logsExplorerUrl(filter: string, projectId: string, range: LogsExplorerRange): string {
  let timeRange: string;
  if ('duration' in range) {
    if (!ISO_DURATION.test(range.duration)) {
      throw new Error(`"${range.duration}" is not an ISO 8601 duration such as PT1H or P1D.`);
    }
    timeRange = range.duration;
  } else {
    if (!(range.since < range.until)) throw new Error('The time range must start before it ends.');
    timeRange = `${range.since.toISOString()}/${range.until.toISOString()}`;
  }
  let url = `https://console.cloud.google.com/logs/query;query=${encodeStrict(filter)};timeRange=${encodeStrict(timeRange)}`;
  if (range.cursor) url += `;cursorTimestamp=${encodeStrict(range.cursor.toISOString())}`;
  return `${url}?project=${encodeStrict(projectId)}`;
}

/** encodeURIComponent plus the sub-delimiters it leaves alone (RFC 3986 unreserved set only). */
function encodeStrict(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
