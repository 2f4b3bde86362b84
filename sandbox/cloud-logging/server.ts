// The sandbox Cloud Logging: a gRPC server implementing google.logging.v2.LoggingServiceV2's
// ListLogEntries and TailLogEntries over the sandbox pods' log lines, so Berth's production code
// (@google-cloud/logging) runs unchanged against it. Every other method answers UNIMPLEMENTED.
import crypto from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { compileFilter, FilterParseError } from './filter';
import { GKE_LOCATION, type GkeLogEntry, type SandboxLogRecord, toGkeLogEntry } from './gke-log-entry';
import { loadLoggingProto } from './protos';

export type { SandboxLogRecord } from './gke-log-entry';

/** The lines the server serves: those written so far, and each new one as it is written. */
export interface LogFeed {
  entries(): Iterable<SandboxLogRecord>;
  subscribe(listener: (record: SandboxLogRecord) => void): () => void;
}

export interface CloudLoggingServerOptions {
  /** 0 (default): any free port. */
  port?: number;
  host?: string;
  feed: LogFeed;
  /** The projects the caller may read; a request naming any other is PERMISSION_DENIED. Default: any. */
  projectId?: string | string[];
  /** resource.labels.location of every entry (default us-central1). */
  location?: string;
}

export interface CloudLoggingServer {
  /** host:port, for CLOUD_LOGGING_ENDPOINT. */
  endpoint: string;
  port: number;
  /** Ends open tails, then stops the server. */
  close(): Promise<void>;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const MAX_BUFFER_WINDOW_MS = 60_000;

class RequestError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

interface ListRequest {
  resourceNames?: string[];
  filter?: string;
  orderBy?: string;
  pageSize?: number;
  pageToken?: string;
}

interface TailRequest {
  resourceNames?: string[];
  filter?: string;
  bufferWindow?: { seconds?: string | number; nanos?: number } | null;
}

export async function startCloudLoggingServer(options: CloudLoggingServerOptions): Promise<CloudLoggingServer> {
  const host = options.host ?? '127.0.0.1';
  const location = options.location ?? GKE_LOCATION;
  const allowedProjects =
    options.projectId === undefined ? undefined : new Set([options.projectId].flat());
  const { service } = loadLoggingProto();

  // Records are converted once; the feed may hand out the same objects on every call.
  const converted = new WeakMap<SandboxLogRecord, GkeLogEntry>();
  const entryOf = (record: SandboxLogRecord): GkeLogEntry => {
    let entry = converted.get(record);
    if (!entry) {
      entry = toGkeLogEntry(record, location);
      converted.set(record, entry);
    }
    return entry;
  };

  function projectsOf(resourceNames: string[] | undefined): Set<string> {
    if (!resourceNames || resourceNames.length === 0) {
      throw new RequestError(grpc.status.INVALID_ARGUMENT, 'resource_names must name at least one project (projects/PROJECT_ID).');
    }
    const projects = new Set<string>();
    for (const name of resourceNames) {
      const match = /^projects\/([^/\s]+)$/.exec(name);
      if (!match) {
        throw new RequestError(
          grpc.status.INVALID_ARGUMENT,
          `resource_names: "${name}" is not supported by the sandbox (it serves projects/PROJECT_ID only).`,
        );
      }
      if (allowedProjects && !allowedProjects.has(match[1])) {
        throw new RequestError(grpc.status.PERMISSION_DENIED, `The caller does not have permission to read logs in ${name}.`);
      }
      projects.add(match[1]);
    }
    return projects;
  }

  function matcherOf(filter: string | undefined): (entry: GkeLogEntry) => boolean {
    try {
      return compileFilter(filter ?? '');
    } catch (error) {
      if (error instanceof FilterParseError) throw new RequestError(grpc.status.INVALID_ARGUMENT, error.message);
      throw error;
    }
  }

  function listLogEntries(request: ListRequest): { entries: unknown[]; nextPageToken: string } {
    const projects = projectsOf(request.resourceNames);
    const matches = matcherOf(request.filter);
    const order = orderOf(request.orderBy);
    const pageSize = pageSizeOf(request.pageSize);
    const fingerprint = fingerprintOf(request, order);
    const cursor = request.pageToken ? decodePageToken(request.pageToken, fingerprint) : undefined;

    const selected: GkeLogEntry[] = [];
    for (const record of options.feed.entries()) {
      if (!projects.has(record.projectId)) continue;
      const entry = entryOf(record);
      if (cursor && !isAfter(entry, cursor, order)) continue;
      if (matches(entry)) selected.push(entry);
    }
    selected.sort((a, b) => (order === 'asc' ? compareEntries(a, b) : compareEntries(b, a)));
    const page = selected.slice(0, pageSize);
    const last = page.at(-1);
    const nextPageToken =
      selected.length > pageSize && last ? encodePageToken({ f: fingerprint, t: last.timestamp.toString(), i: last.insertId }) : '';
    return { entries: page.map(toWire), nextPageToken };
  }

  const tails = new Set<() => void>();

  function tailLogEntries(call: grpc.ServerDuplexStream<TailRequest, unknown>): void {
    let unsubscribe: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    let buffered: GkeLogEntry[] = [];
    let finished = false;

    const flush = () => {
      timer = undefined;
      if (buffered.length === 0 || finished) return;
      const batch = buffered.sort(compareEntries);
      buffered = [];
      call.write({ entries: batch.map(toWire), suppressionInfo: [] });
    };
    const stop = () => {
      if (finished) return;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      finished = true;
      tails.delete(end);
    };
    const end = () => {
      if (finished) return;
      flush();
      stop();
      call.end();
    };
    const fail = (error: unknown) => {
      stop();
      const code = error instanceof RequestError ? error.code : grpc.status.INTERNAL;
      const details = error instanceof Error ? error.message : String(error);
      call.emit('error', { code, details } satisfies Partial<grpc.StatusObject>);
    };

    call.on('data', (request: TailRequest) => {
      // Only the first request of a tail session counts, as in Cloud Logging.
      if (unsubscribe || finished) return;
      try {
        const projects = projectsOf(request.resourceNames);
        const matches = matcherOf(request.filter);
        const windowMs = bufferWindowMs(request.bufferWindow);
        unsubscribe = options.feed.subscribe((record) => {
          if (finished || !projects.has(record.projectId)) return;
          const entry = entryOf(record);
          if (!matches(entry)) return;
          buffered.push(entry);
          // Without a buffer window, a burst of lines still goes out as one response.
          timer ??= windowMs > 0 ? setTimeout(flush, windowMs) : setTimeout(flush, 0);
        });
        tails.add(end);
      } catch (error) {
        fail(error);
      }
    });
    call.on('end', end);
    call.on('cancelled', stop);
    call.on('error', stop);
  }

  const unimplemented =
    (method: string) =>
    (_call: unknown, callback: grpc.sendUnaryData<unknown>): void =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: `The sandbox Cloud Logging server does not implement ${method}.` });

  const server = new grpc.Server();
  server.addService(service, {
    ListLogEntries: (call: grpc.ServerUnaryCall<ListRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      try {
        callback(null, listLogEntries(call.request));
      } catch (error) {
        if (error instanceof RequestError) callback({ code: error.code, details: error.message });
        else callback({ code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) });
      }
    },
    TailLogEntries: tailLogEntries,
    WriteLogEntries: unimplemented('WriteLogEntries'),
    DeleteLog: unimplemented('DeleteLog'),
    ListLogs: unimplemented('ListLogs'),
    ListMonitoredResourceDescriptors: unimplemented('ListMonitoredResourceDescriptors'),
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });

  return {
    endpoint: `${host}:${port}`,
    port,
    close: async () => {
      for (const end of [...tails]) end();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

type Order = 'asc' | 'desc';

function orderOf(orderBy: string | undefined): Order {
  const normalized = (orderBy ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  if (normalized === '' || normalized === 'timestamp asc' || normalized === 'timestamp') return 'asc';
  if (normalized === 'timestamp desc') return 'desc';
  throw new RequestError(grpc.status.INVALID_ARGUMENT, `order_by must be "timestamp asc" or "timestamp desc", not "${orderBy}".`);
}

function pageSizeOf(pageSize: number | undefined): number {
  const size = Number(pageSize ?? 0);
  if (!Number.isInteger(size) || size < 0) {
    throw new RequestError(grpc.status.INVALID_ARGUMENT, `page_size must be a positive number, not ${pageSize}.`);
  }
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

function bufferWindowMs(window: TailRequest['bufferWindow']): number {
  if (!window) return 0;
  const ms = Number(window.seconds ?? 0) * 1000 + Math.floor((window.nanos ?? 0) / 1e6);
  if (!Number.isFinite(ms) || ms < 0) throw new RequestError(grpc.status.INVALID_ARGUMENT, 'buffer_window must not be negative.');
  return Math.min(ms, MAX_BUFFER_WINDOW_MS);
}

/** Entries in time order; the insertId orders entries written in the same nanosecond. */
function compareEntries(a: GkeLogEntry, b: GkeLogEntry): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  return a.insertId < b.insertId ? -1 : a.insertId > b.insertId ? 1 : 0;
}

interface Cursor {
  /** Fingerprint of the request the token belongs to. */
  f: string;
  /** Timestamp (epoch ns) and insertId of the last entry of the previous page. */
  t: string;
  i: string;
}

function isAfter(entry: GkeLogEntry, cursor: Cursor, order: Order): boolean {
  const mark = { timestamp: BigInt(cursor.t), insertId: cursor.i } as GkeLogEntry;
  const c = compareEntries(entry, mark);
  return order === 'asc' ? c > 0 : c < 0;
}

function fingerprintOf(request: ListRequest, order: Order): string {
  const canonical = JSON.stringify([[...(request.resourceNames ?? [])].sort(), request.filter ?? '', order]);
  return crypto.createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function encodePageToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodePageToken(token: string, fingerprint: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (!cursor || typeof cursor.t !== 'string' || !/^\d+$/.test(cursor.t) || typeof cursor.i !== 'string') {
    throw new RequestError(grpc.status.INVALID_ARGUMENT, 'page_token is not a token this server issued.');
  }
  if (cursor.f !== fingerprint) {
    throw new RequestError(
      grpc.status.INVALID_ARGUMENT,
      'page_token belongs to a different request: resource_names, filter and order_by must stay the same while paging.',
    );
  }
  return cursor as Cursor;
}

/** A stored entry as the google.logging.v2.LogEntry message (proto-loader's object form). */
function toWire(entry: GkeLogEntry): Record<string, unknown> {
  return {
    logName: entry.logName,
    resource: entry.resource,
    labels: entry.labels,
    severity: entry.severity,
    timestamp: toTimestamp(entry.timestamp),
    receiveTimestamp: toTimestamp(entry.receiveTimestamp),
    insertId: entry.insertId,
    ...(entry.jsonPayload ? { jsonPayload: toStruct(entry.jsonPayload) } : { textPayload: entry.textPayload ?? '' }),
  };
}

function toTimestamp(epochNanos: bigint): { seconds: string; nanos: number } {
  const seconds = epochNanos / 1_000_000_000n;
  return { seconds: seconds.toString(), nanos: Number(epochNanos - seconds * 1_000_000_000n) };
}

/** google.protobuf.Struct */
function toStruct(object: Record<string, unknown>): { fields: Record<string, unknown> } {
  return { fields: Object.fromEntries(Object.entries(object).map(([key, value]) => [key, toValue(value)])) };
}

function toValue(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'string') return { stringValue: value };
  if (Array.isArray(value)) return { listValue: { values: value.map(toValue) } };
  if (typeof value === 'object') return { structValue: toStruct(value as Record<string, unknown>) };
  return { stringValue: String(value) };
}
