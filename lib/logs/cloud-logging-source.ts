import 'server-only';
// Logs from Cloud Logging (LOG_SOURCE=cloud-logging) through @google-cloud/logging: in production
// logging.googleapis.com with the pod's Workload Identity; in the sandbox, a local gRPC endpoint.
// Cloud Logging's entries stop here: callers get Berth's LogEntry.
import type { Duplex } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { type Entry, type GetEntriesResponse, Logging, type LoggingOptions } from '@google-cloud/logging';
import { buildCloudLoggingFilter } from './build-filter';
import { DEFAULT_PAGE_SIZE, isSeverity, type LogEntry, type LogQuery, MAX_PAGE_SIZE, type Severity } from './log-entry';
import { abortReason, type LogPage, type LogSource, LogSourceError } from './log-source';
import { dateToNanos, formatNanos, parseRfc3339Nanos, timestampToNanos } from './log-time';
import { severityOfJson, severityOfText } from './read-severity';

export interface CloudLoggingSourceOptions {
  /** The GCP project holding an environment's logs (stage → meridian-stage, production → meridian-prod). */
  projectId: string | ((q: LogQuery) => string);
  /** host:port of a Cloud Logging gRPC endpoint spoken to without TLS or credentials — the
   * sandbox's. Unset: logging.googleapis.com with Application Default Credentials. */
  endpoint?: string;
  /** A query that takes longer fails with kind 'timeout' (default 10 s). */
  timeoutMs?: number;
  /** How far back a query without `since` reads (default 24 h, as the Logs Explorer). */
  defaultLookbackMs?: number;
}

// `port` and `sslCreds` reach google-gax's gRPC stub but are missing from LoggingOptions' type.
type LoggingClientOptions = LoggingOptions & { port?: number; sslCreds?: grpc.ChannelCredentials };

/** The slice of the raw google.logging.v2.LogEntry read here (seconds arrive as a string). */
interface RawTimestamp {
  seconds?: number | string | { toString(): string } | null;
  nanos?: number | null;
}

const SEVERITY_BY_NUMBER: Record<number, Severity> = {
  0: 'DEFAULT',
  100: 'DEBUG',
  200: 'INFO',
  300: 'NOTICE',
  400: 'WARNING',
  500: 'ERROR',
  600: 'CRITICAL',
  700: 'ALERT',
  800: 'EMERGENCY',
};

const DAY_MS = 24 * 60 * 60 * 1000;

export class CloudLoggingSource implements LogSource {
  private readonly clients = new Map<string, Logging>();
  private readonly timeoutMs: number;
  private readonly lookbackMs: number;

  constructor(private readonly options: CloudLoggingSourceOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.lookbackMs = options.defaultLookbackMs ?? DAY_MS;
    if (options.endpoint !== undefined && !/^[^:\s]+:\d+$/.test(options.endpoint)) {
      throw new Error(`The Cloud Logging endpoint must be host:port, got "${options.endpoint}".`);
    }
  }

  async query(q: LogQuery, signal?: AbortSignal): Promise<LogPage> {
    signal?.throwIfAborted();
    const projectId = this.projectOf(q);
    // The page token carries the start of the window, so every page of a query without `since`
    // sends the same filter (Cloud Logging rejects a page token used with a different filter).
    const token = q.pageToken ? decodePageToken(q.pageToken) : undefined;
    const since = q.since ?? new Date(token?.sinceMs ?? (q.until?.getTime() ?? Date.now()) - this.lookbackMs);
    const filter = buildCloudLoggingFilter({ ...q, since }, { projectId });
    const pageSize = Math.min(Math.max(Math.trunc(q.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);

    let response: GetEntriesResponse;
    try {
      response = await withAbort(
        this.client(projectId).getEntries({
          resourceNames: [`projects/${projectId}`],
          filter,
          orderBy: `timestamp ${q.order ?? 'desc'}`,
          pageSize,
          pageToken: token?.vendorToken,
          autoPaginate: false,
          // One attempt with a deadline: a dead or slow backend becomes a clear message quickly,
          // instead of google-gax's default of retrying UNAVAILABLE for up to ten minutes.
          gaxOptions: { timeout: this.timeoutMs, retry: null },
        }),
        signal,
      );
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      throw this.toLogSourceError(error, projectId);
    }
    const [entries, nextRequest, raw] = response;
    const rawEntries = raw?.entries ?? [];
    const vendorToken = nextRequest?.pageToken || raw?.nextPageToken || undefined;
    return {
      entries: entries.map((entry, index) => {
        const rawEntry = rawEntries[index];
        const rawTime = rawEntry && rawEntry.insertId === entry.metadata.insertId ? rawEntry.timestamp : undefined;
        return toLogEntry(entry, q, rawTime ?? undefined);
      }),
      nextPageToken: vendorToken ? encodePageToken({ sinceMs: since.getTime(), vendorToken }) : undefined,
    };
  }

  async tail(q: LogQuery, onEntry: (entry: LogEntry) => void, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const projectId = this.projectOf(q);
    // New entries only: the time range does not apply to a tail.
    const filter = buildCloudLoggingFilter({ ...q, since: undefined, until: undefined }, { projectId });
    const since = q.since ? dateToNanos(q.since) : undefined;
    // tailEntries() returns the client library's AbortableDuplex; its declared type is a Duplex.
    const stream = this.client(projectId).tailEntries({ filter }) as Duplex & { abort(): void };

    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        // abort() cancels the gRPC call; destroy() also covers a call not yet started.
        stream.abort();
        stream.destroy();
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = (error?: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (error === undefined || signal.aborted) resolve();
        else reject(this.toLogSourceError(error, projectId));
      };
      stream.on('data', (response: { entries?: Entry[] }) => {
        for (const entry of response.entries ?? []) {
          const logEntry = toLogEntry(entry, q, undefined);
          if (since !== undefined && (parseRfc3339Nanos(logEntry.time) ?? 0n) < since) continue;
          onEntry(logEntry);
        }
      });
      stream.on('error', (error: unknown) => settle(error));
      stream.on('end', () => settle());
      stream.on('close', () => settle());
    });
  }

  /** Closes the gRPC channels. */
  async close(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    // The generated LoggingServiceV2Client has close(); the Logging class's type hides it.
    await Promise.all(
      clients.map((client) => (client.loggingService as unknown as { close(): Promise<void> }).close()),
    );
  }

  private projectOf(q: LogQuery): string {
    const { projectId } = this.options;
    return typeof projectId === 'function' ? projectId(q) : projectId;
  }

  private client(projectId: string): Logging {
    let client = this.clients.get(projectId);
    if (!client) {
      const options: LoggingClientOptions = { projectId };
      if (this.options.endpoint) {
        const separator = this.options.endpoint.lastIndexOf(':');
        options.apiEndpoint = this.options.endpoint.slice(0, separator);
        options.port = Number(this.options.endpoint.slice(separator + 1));
        options.sslCreds = grpc.credentials.createInsecure();
      }
      client = new Logging(options);
      this.clients.set(projectId, client);
    }
    return client;
  }

  private toLogSourceError(error: unknown, projectId: string): LogSourceError {
    const code = grpcCode(error);
    const details = grpcDetails(error);
    switch (code) {
      case grpc.status.UNAVAILABLE:
        // Said to people: no endpoint and no gRPC text (they carry the backend's address); the
        // cause, with both, goes to the server log for the platform team.
        return new LogSourceError('unavailable', 'Cloud Logging could not be reached. Try again in a minute; if it keeps failing, tell the platform team.', { cause: error });
      case grpc.status.DEADLINE_EXCEEDED:
        return new LogSourceError(
          'timeout',
          `Cloud Logging did not answer within ${formatSeconds(this.timeoutMs)}. Try a shorter time range or a narrower filter.`,
          { cause: error },
        );
      case grpc.status.PERMISSION_DENIED:
      case grpc.status.UNAUTHENTICATED:
        return new LogSourceError(
          'permission-denied',
          `Berth is not allowed to read the logs of project ${projectId}: its service account needs the Logs Viewer role (roles/logging.viewer) there. (${details})`,
          { cause: error },
        );
      case grpc.status.INVALID_ARGUMENT:
        return new LogSourceError('invalid-query', `Cloud Logging did not accept the query: ${details}`, { cause: error });
      case grpc.status.RESOURCE_EXHAUSTED:
        return new LogSourceError(
          'unavailable',
          `Cloud Logging's read quota for project ${projectId} is used up for the moment. Try again in a minute.`,
          { cause: error },
        );
      default:
        return new LogSourceError('unavailable', `Reading logs from Cloud Logging failed: ${details}`, { cause: error });
    }
  }
}

function toLogEntry(entry: Entry, q: LogQuery, rawTime: RawTimestamp | undefined): LogEntry {
  const metadata = entry.metadata;
  const resource = metadata.resource?.labels ?? {};
  const logEntry: LogEntry = {
    insertId: metadata.insertId ?? '',
    time: formatNanos(entryNanos(metadata.timestamp, rawTime)),
    severity: severityOf(metadata.severity),
    environment: q.environment,
    cluster: resource.cluster_name ?? q.cluster,
    namespace: resource.namespace_name ?? q.namespace,
    pod: resource.pod_name ?? '',
    container: resource.container_name ?? '',
  };
  if (metadata.logName?.endsWith('/stdout')) logEntry.stream = 'stdout';
  if (metadata.logName?.endsWith('/stderr')) logEntry.stream = 'stderr';
  const data: unknown = entry.data;
  if (metadata.jsonPayload || (typeof data === 'object' && data !== null && !Buffer.isBuffer(data))) {
    logEntry.json = (data ?? {}) as Record<string, unknown>;
  } else if (typeof data === 'string') {
    logEntry.text = data;
  }
  // Plain stdout lines are stored as DEFAULT whatever level they state: read it from the line, so
  // the badge and the colour say what the app said. (The severity filter itself runs in Cloud
  // Logging on the stored severity.)
  if (logEntry.severity === 'DEFAULT') {
    const stated = logEntry.json ? severityOfJson(logEntry.json)?.severity : logEntry.text !== undefined ? severityOfText(logEntry.text) : undefined;
    if (stated) logEntry.severity = stated;
  }
  return logEntry;
}

/** Nanosecond time: from the raw response when there is one (the client library's Date keeps ms). */
function entryNanos(timestamp: unknown, raw: RawTimestamp | undefined): bigint {
  if (raw?.seconds !== undefined && raw.seconds !== null) return timestampToNanos(String(raw.seconds), raw.nanos ?? 0);
  if (timestamp instanceof Date) return dateToNanos(timestamp);
  if (typeof timestamp === 'string') return parseRfc3339Nanos(timestamp) ?? 0n;
  if (typeof timestamp === 'object' && timestamp !== null && 'seconds' in timestamp) {
    const { seconds, nanos } = timestamp as RawTimestamp;
    return timestampToNanos(String(seconds ?? 0), nanos ?? 0);
  }
  return 0n;
}

function severityOf(value: unknown): Severity {
  if (typeof value === 'number') return SEVERITY_BY_NUMBER[value] ?? 'DEFAULT';
  if (typeof value === 'string') {
    const upper = value.toUpperCase();
    return isSeverity(upper) ? upper : 'DEFAULT';
  }
  return 'DEFAULT';
}

function grpcCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function grpcDetails(error: unknown): string {
  const details = (error as { details?: unknown } | null)?.details;
  if (typeof details === 'string' && details) return details;
  return error instanceof Error ? error.message : String(error);
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds === 1 ? '1 second' : `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} seconds`;
}

interface PageToken {
  sinceMs: number;
  vendorToken: string;
}

function encodePageToken(token: PageToken): string {
  return `c1.${token.sinceMs}.${token.vendorToken}`;
}

function decodePageToken(text: string): PageToken {
  const match = /^c1\.(-?\d+)\.(.+)$/s.exec(text);
  if (!match) throw new LogSourceError('invalid-query', 'The page token is not one Berth issued; reload the logs.');
  return { sinceMs: Number(match[1]), vendorToken: match[2] };
}

function withAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
