// Berth's own log entry and log query (isomorphic: the logs page imports these types and the
// severity order in the browser; no vendor shape appears here).

/** Cloud Logging's LogSeverity names, lowest first. Kubernetes pod logs are mapped onto them. */
export const SEVERITIES = [
  'DEFAULT',
  'DEBUG',
  'INFO',
  'NOTICE',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'ALERT',
  'EMERGENCY',
] as const;

export type Severity = (typeof SEVERITIES)[number];

export interface LogEntry {
  /** Unique within the source; the UI de-duplicates query pages and tailed entries by it. */
  insertId: string;
  /** RFC 3339 in UTC with nine fraction digits (`2026-11-12T09:00:00.123456789Z`): sorts as text. */
  time: string;
  severity: Severity;
  environment: string;
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  /** A plain-text line. */
  text?: string;
  /** A structured (JSON) line; its `severity` field has become `severity` above. */
  json?: Record<string, unknown>;
  /** Known for Cloud Logging entries; pod logs read through the Kubernetes API do not say. */
  stream?: 'stdout' | 'stderr';
  /** How many values were masked as likely PHI in this line (absent: none). */
  masked?: number;
}

export interface LogQuery {
  app: string;
  namespace: string;
  environment: string;
  cluster: string;
  /** Empty or absent: every pod of the app. */
  pods?: string[];
  container?: string;
  minSeverity?: Severity;
  /** Case-insensitive text to find anywhere in the entry. */
  text?: string;
  since?: Date;
  /** Exclusive. */
  until?: Date;
  /** Opaque token from the previous page of the same query. */
  pageToken?: string;
  pageSize?: number;
  /** The previous (terminated) container's logs — Kubernetes only; Cloud Logging keeps them anyway. */
  previous?: boolean;
  /** Default 'desc' (newest first). */
  order?: 'asc' | 'desc';
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(
  SEVERITIES.map((name, index) => [name, index]),
) as Record<Severity, number>;

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && Object.hasOwn(SEVERITY_RANK, value);
}
