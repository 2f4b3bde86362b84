import 'server-only';
// Logs read from the clusters' Kubernetes API (LOG_SOURCE=kubernetes, the embedded default): every
// pod of the app (label app.kubernetes.io/instance=<app>) and each of its containers, merged in
// time order. Pod logs carry no severity, so it is inferred from the line; Kubernetes has no text
// search, so the text filter runs here; and it has no "until", so pages are cut by time here.
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { ApiException, CoreV1Api, KubeConfig, Log } from '@kubernetes/client-node';
import { DEFAULT_PAGE_SIZE, isSeverity, type LogEntry, type LogQuery, MAX_PAGE_SIZE, type Severity, severityRank } from './log-entry';
import { abortReason, type LogPage, type LogSource, LogSourceError } from './log-source';
import { dateToNanos, formatNanos, parseRfc3339Nanos } from './log-time';

export interface KubernetesSourceOptions {
  /** The kubeconfig context of a query's cluster. Default: the context named like `q.cluster`,
   * else like `q.environment`, else the only context there is. */
  contextFor?: (q: LogQuery) => string | undefined;
  /** Each Kubernetes API call that takes longer fails with kind 'timeout' (default 10 s). */
  timeoutMs?: number;
  /** Newest first: lines read per container at first (default 1,000)… */
  linesPerRead?: number;
  /** …and at most, reading deeper when a page needs older lines (default 50,000). */
  maxLinesPerContainer?: number;
  /** Oldest first: bytes read per container from the page's start at first (default 1 MiB)… */
  bytesPerRead?: number;
  /** …and at most (default 16 MiB; the kubelet keeps about 10 MiB per container). */
  maxBytesPerContainer?: number;
}

interface Clients {
  context: string;
  core: CoreV1Api;
  log: Log;
}

interface Target {
  pod: string;
  container: string;
}

/** A parsed line, with its time as epoch nanoseconds for ordering. */
interface TimedEntry {
  nanos: bigint;
  entry: LogEntry;
  raw: string;
}

interface Cursor {
  /** Fingerprint of the query the token belongs to. */
  f: string;
  /** The last entry of the previous page: time (epoch ns) and insertId. */
  t: string;
  i: string;
  /** Lines per container that the previous page needed. */
  d: number;
}

const INSTANCE_LABEL = 'app.kubernetes.io/instance';
const SKEW_MARGIN_SECONDS = 60;

export class KubernetesSource implements LogSource {
  private readonly clients = new Map<string, Clients>();
  private readonly timeoutMs: number;
  private readonly reads: Record<'asc' | 'desc', { first: number; max: number }>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly options: KubernetesSourceOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const maxLines = options.maxLinesPerContainer ?? 50_000;
    const maxBytes = options.maxBytesPerContainer ?? 16 * 1024 * 1024;
    this.reads = {
      desc: { first: Math.min(options.linesPerRead ?? 1_000, maxLines), max: maxLines },
      asc: { first: Math.min(options.bytesPerRead ?? 1024 * 1024, maxBytes), max: maxBytes },
    };
  }

  async query(q: LogQuery, signal?: AbortSignal): Promise<LogPage> {
    signal?.throwIfAborted();
    const clients = this.clientsFor(q);
    const order = q.order ?? 'desc';
    const pageSize = Math.min(Math.max(Math.trunc(q.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
    const fingerprint = fingerprintOf(q);
    const cursor = q.pageToken ? decodeCursor(q.pageToken, fingerprint) : undefined;
    const targets = await this.targets(q, clients, signal);
    const matches = entryFilter(q);
    const cursorMark = cursor ? { nanos: BigInt(cursor.t), id: cursor.i } : undefined;
    const beyondCursor = (e: TimedEntry) => {
      if (!cursorMark) return true;
      const c = compareTimed(e, cursorMark);
      return order === 'asc' ? c > 0 : c < 0;
    };

    // Newest first: read the last `depth` lines of each container. Oldest first: read `depth`
    // bytes of each from the start of the window (or the cursor) on. When a container had more
    // than that and the page is not full without its unread lines, read deeper.
    const limits = this.reads[order];
    let depth = cursor?.d ?? (order === 'desc' ? Math.max(limits.first, pageSize + 1) : limits.first);
    for (;;) {
      const range = order === 'desc' ? { tailLines: depth } : { cursor: cursorMark, limitBytes: depth };
      const reads = await this.readAll(clients, q, targets, range, signal);
      const candidates = reads.flatMap((read) => read.entries).filter((e) => beyondCursor(e) && matches(e));
      candidates.sort((a, b) => (order === 'asc' ? compareTimed(a, b) : compareTimed(b, a)));
      // Past the horizon of a container whose read was cut short, lines may be missing: stop there.
      const horizon = horizonOf(reads, order);
      const reliable = horizon === undefined ? candidates : candidates.filter((e) => (order === 'asc' ? e.nanos <= horizon : e.nanos >= horizon));
      const truncated = horizon !== undefined;
      if (truncated && reliable.length <= pageSize && depth < limits.max) {
        depth = Math.min(depth * 4, limits.max);
        continue;
      }
      const page = reliable.slice(0, pageSize);
      const last = page.at(-1);
      const more = reliable.length > pageSize || (truncated && order === 'asc');
      return {
        entries: page.map((e) => e.entry),
        nextPageToken:
          more && last ? encodeCursor({ f: fingerprint, t: last.nanos.toString(), i: last.entry.insertId, d: depth }) : undefined,
      };
    }
  }

  async tail(q: LogQuery, onEntry: (entry: LogEntry) => void, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const clients = this.clientsFor(q);
    const targets = await this.targets(q, clients, signal);
    const matches = entryFilter(q);
    // From `since` on (then matches() drops the lines before it), else only what is written from
    // now on: the last second by the API server's own clock, so Berth's clock does not matter.
    const sinceSeconds = q.since ? sinceSecondsFor(dateToNanos(q.since)) : 1;

    const follows = targets.map(async (target) => {
      const parser = new LineParser(q, target, false);
      const decoder = new StringDecoder('utf8'); // a character may be split between chunks
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const e of parser.push(decoder.write(chunk))) if (matches(e)) onEntry(e.entry);
          done();
        },
        final(done) {
          for (const e of [...parser.push(decoder.end()), ...parser.end()]) if (matches(e)) onEntry(e.entry);
          done();
        },
      });
      const ended = new Promise<void>((resolve) => {
        sink.on('finish', resolve);
        sink.on('close', resolve);
        sink.on('error', () => resolve());
        // The HTTP body is piped in by the client; a broken connection ends this container's tail.
        sink.on('pipe', (source: NodeJS.ReadableStream) => source.on('error', () => sink.destroy()));
      });
      let controller: AbortController;
      try {
        controller = await this.withDeadline(
          clients.log.log(q.namespace, target.pod, target.container, sink, { follow: true, timestamps: true, sinceSeconds }),
          signal,
        );
      } catch (error) {
        sink.destroy();
        throw error;
      }
      const abort = () => {
        controller.abort();
        sink.destroy();
      };
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
      await ended;
      signal.removeEventListener('abort', abort);
    });
    const results = await Promise.allSettled(follows);
    if (signal.aborted) return;
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length > 0 && failures.length === results.length) throw this.toLogSourceError(failures[0].reason, q);
  }

  private async readAll(
    clients: Clients,
    q: LogQuery,
    targets: Target[],
    range: { tailLines: number } | { cursor: { nanos: bigint } | undefined; limitBytes: number },
    signal: AbortSignal | undefined,
  ): Promise<{ entries: TimedEntry[]; cutAt?: bigint }[]> {
    const lower = [q.since ? dateToNanos(q.since) : undefined, 'cursor' in range ? range.cursor?.nanos : undefined]
      .filter((n): n is bigint => n !== undefined)
      .reduce<bigint | undefined>((max, n) => (max === undefined || n > max ? n : max), undefined);
    const sinceSeconds = lower === undefined ? undefined : sinceSecondsFor(lower);

    const results = await Promise.allSettled(
      targets.map(async (target) => {
        const body = await this.withDeadline(
          clients.core.readNamespacedPodLog({
            name: target.pod,
            namespace: q.namespace,
            container: target.container,
            timestamps: true,
            previous: q.previous || undefined,
            sinceSeconds,
            ...('tailLines' in range ? { tailLines: range.tailLines } : { limitBytes: range.limitBytes }),
          }),
          signal,
        );
        const parser = new LineParser(q, target, q.previous ?? false);
        let text = typeof body === 'string' ? body : '';
        let cut = false;
        if ('tailLines' in range) {
          cut = countLines(text) >= range.tailLines;
        } else if (Buffer.byteLength(text) >= range.limitBytes) {
          cut = true;
          text = text.slice(0, text.lastIndexOf('\n') + 1); // the last line may be partial
        }
        const entries = [...parser.push(text), ...parser.end()];
        if (!cut || entries.length === 0) return { entries };
        // Newest first: lines older than the oldest read may be missing; oldest first: newer ones.
        const bound = 'tailLines' in range ? entries[0].nanos : entries[entries.length - 1].nanos;
        return { entries, cutAt: bound };
      }),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // One pod without logs (no previous container, still starting) must not hide the others.
    if (failures.length > 0 && failures.length === results.length) throw this.toLogSourceError(failures[0].reason, q);
    return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  /** The pods and containers to read: the app's pods (or the named ones among them). */
  private async targets(q: LogQuery, clients: Clients, signal: AbortSignal | undefined): Promise<Target[]> {
    let pods;
    try {
      pods = await this.withDeadline(
        clients.core.listNamespacedPod({ namespace: q.namespace, labelSelector: `${INSTANCE_LABEL}=${q.app}` }),
        signal,
      );
    } catch (error) {
      throw this.toLogSourceError(error, q);
    }
    const wanted = q.pods && q.pods.length > 0 ? new Set(q.pods) : undefined;
    const targets: Target[] = [];
    const found = new Set<string>();
    for (const pod of pods.items) {
      const name = pod.metadata?.name;
      if (!name || (wanted && !wanted.has(name))) continue;
      found.add(name);
      for (const container of pod.spec?.containers ?? []) {
        if (!q.container || container.name === q.container) targets.push({ pod: name, container: container.name });
      }
    }
    const missing = [...(wanted ?? [])].filter((name) => !found.has(name));
    if (missing.length > 0) {
      throw new LogSourceError(
        'invalid-query',
        `No pod of ${q.app} is named ${missing.join(', ')} in ${q.namespace} on ${q.cluster}; it may have been replaced. Reload the pod list.`,
      );
    }
    return targets;
  }

  private clientsFor(q: LogQuery): Clients {
    const context = this.contextOf(q);
    let clients = this.clients.get(context);
    if (!clients) {
      const config = new KubeConfig();
      config.loadFromOptions({
        clusters: this.kubeConfig.clusters,
        users: this.kubeConfig.users,
        contexts: this.kubeConfig.contexts,
        currentContext: context,
      });
      clients = { context, core: config.makeApiClient(CoreV1Api), log: new Log(config) };
      this.clients.set(context, clients);
    }
    return clients;
  }

  private contextOf(q: LogQuery): string {
    const names = this.kubeConfig.getContexts().map((c) => c.name);
    const chosen =
      this.options.contextFor?.(q) ??
      names.find((name) => name === q.cluster) ??
      names.find((name) => name === q.environment) ??
      (names.length === 1 ? names[0] : undefined);
    if (!chosen || !names.includes(chosen)) {
      throw new LogSourceError(
        'invalid-query',
        `Berth has no connection to cluster ${q.cluster} (${q.environment}): no kubeconfig context for it.`,
      );
    }
    return chosen;
  }

  private async withDeadline<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    promise.catch(() => {}); // settled later than a deadline or an abort: nobody is waiting
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new LogSourceError('timeout', `The Kubernetes API did not answer within ${this.timeoutMs / 1000} seconds.`)),
            this.timeoutMs,
          );
          if (signal) {
            onAbort = () => reject(abortReason(signal));
            signal.addEventListener('abort', onAbort, { once: true });
          }
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (signal && onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  private toLogSourceError(error: unknown, q: LogQuery): unknown {
    if (error instanceof LogSourceError) return error;
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    const where = `cluster ${q.cluster}`;
    if (error instanceof ApiException) {
      const status = error.code;
      const detail = statusMessage(error);
      if (status === 401 || status === 403) {
        return new LogSourceError(
          'permission-denied',
          `Berth may not read pod logs in ${q.namespace} on ${where}${detail ? `: ${detail}` : ''}.`,
          { cause: error },
        );
      }
      if (status === 400 || status === 404 || status === 422) {
        return new LogSourceError('invalid-query', detail ? capitalize(detail) : `The Kubernetes API refused the log request (HTTP ${status}).`, {
          cause: error,
        });
      }
      if (status === 408 || status === 504) {
        return new LogSourceError('timeout', `The Kubernetes API of ${where} timed out reading the logs.`, { cause: error });
      }
      return new LogSourceError(
        'unavailable',
        `The Kubernetes API of ${where} could not be reached or failed (HTTP ${status})${detail ? `: ${detail}` : ''}.`,
        { cause: error },
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new LogSourceError('unavailable', `The Kubernetes API of ${where} could not be reached: ${message}`, { cause: error });
  }
}

/** Splits "<RFC 3339 time> <line>" output into entries; keeps a partial last line for later. */
class LineParser {
  private partial = '';
  private lastTime = 0n;
  private sameTimeCount = 0;

  constructor(
    private readonly q: LogQuery,
    private readonly target: Target,
    private readonly previous: boolean,
  ) {}

  push(text: string): TimedEntry[] {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.flatMap((line) => this.parse(line));
  }

  end(): TimedEntry[] {
    const rest = this.partial;
    this.partial = '';
    return rest ? this.parse(rest) : [];
  }

  private parse(line: string): TimedEntry[] {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    const space = clean.indexOf(' ');
    const stamp = space > 0 ? clean.slice(0, space) : clean;
    const parsed = parseRfc3339Nanos(stamp);
    // Without a timestamp (not expected with timestamps=true) a line keeps the time before it.
    const nanos = parsed ?? this.lastTime;
    const raw = parsed === undefined ? clean : space > 0 ? clean.slice(space + 1) : '';
    this.sameTimeCount = nanos === this.lastTime ? this.sameTimeCount + 1 : 0;
    this.lastTime = nanos;
    const time = formatNanos(nanos);
    const { severity, json } = interpretLine(raw);
    const entry: LogEntry = {
      insertId: `${this.target.pod}/${this.target.container}${this.previous ? '/previous' : ''}/${time}/${this.sameTimeCount}`,
      time,
      severity,
      environment: this.q.environment,
      cluster: this.q.cluster,
      namespace: this.q.namespace,
      pod: this.target.pod,
      container: this.target.container,
    };
    if (json) entry.json = json;
    else entry.text = raw;
    return [{ nanos, entry, raw }];
  }
}

/**
 * Severity of a pod log line. A JSON line's "severity" field (as Cloud Logging reads it, then
 * removed from the payload); otherwise "Error…", "ERROR…" and "panic…" lines are ERROR,
 * "WARN…"/"Warning…" lines WARNING, and the rest DEFAULT (the API does not say stdout or stderr).
 */
export function interpretLine(raw: string): { severity: Severity; json?: Record<string, unknown> } {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const json = value as Record<string, unknown>;
        const named = typeof json.severity === 'string' ? json.severity.toUpperCase() : undefined;
        if (named && isSeverity(named)) {
          delete json.severity;
          return { severity: named, json };
        }
        return { severity: 'DEFAULT', json };
      }
    } catch {
      // not JSON after all: a plain line
    }
  }
  if (/^(?:Error|ERROR|panic)\b/.test(trimmed)) return { severity: 'ERROR' };
  if (/^(?:WARN|WARNING|Warning)\b/.test(trimmed)) return { severity: 'WARNING' };
  return { severity: 'DEFAULT' };
}

function entryFilter(q: LogQuery): (e: TimedEntry) => boolean {
  const since = q.since ? dateToNanos(q.since) : undefined;
  const until = q.until ? dateToNanos(q.until) : undefined;
  const minRank = q.minSeverity ? severityRank(q.minSeverity) : 0;
  const text = q.text?.trim().toLowerCase();
  return (e) =>
    (since === undefined || e.nanos >= since) &&
    (until === undefined || e.nanos < until) &&
    severityRank(e.entry.severity) >= minRank &&
    (!text || e.raw.toLowerCase().includes(text));
}

function compareTimed(a: { nanos: bigint; entry?: LogEntry; id?: string }, b: { nanos: bigint; entry?: LogEntry; id?: string }): number {
  if (a.nanos !== b.nanos) return a.nanos < b.nanos ? -1 : 1;
  const idA = a.entry?.insertId ?? a.id ?? '';
  const idB = b.entry?.insertId ?? b.id ?? '';
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}

/** The time past which some container's lines were not read (the nearest such bound). */
function horizonOf(reads: { cutAt?: bigint }[], order: 'asc' | 'desc'): bigint | undefined {
  let horizon: bigint | undefined;
  for (const { cutAt } of reads) {
    if (cutAt === undefined) continue;
    if (horizon === undefined || (order === 'desc' ? cutAt > horizon : cutAt < horizon)) horizon = cutAt;
  }
  return horizon;
}

/**
 * The API's `sinceSeconds` (whole seconds, counted on the API server's clock) that reaches back to
 * `epochNanos`, with a minute to spare for clock skew; the exact bound is applied to the lines.
 */
function sinceSecondsFor(epochNanos: bigint): number {
  return Math.max(1, Math.ceil((Date.now() - Number(epochNanos / 1_000_000n)) / 1000) + SKEW_MARGIN_SECONDS);
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return text.length > 0 && !text.endsWith('\n') ? count + 1 : count;
}

function fingerprintOf(q: LogQuery): string {
  const key = JSON.stringify([
    q.app,
    q.namespace,
    q.environment,
    q.cluster,
    [...(q.pods ?? [])].sort(),
    q.container ?? '',
    q.minSeverity ?? '',
    q.text?.trim() ?? '',
    q.since?.getTime() ?? '',
    q.until?.getTime() ?? '',
    q.previous ?? false,
    q.order ?? 'desc',
  ]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string, fingerprint: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (!cursor || typeof cursor.t !== 'string' || !/^\d+$/.test(cursor.t) || typeof cursor.i !== 'string' || typeof cursor.d !== 'number') {
    throw new LogSourceError('invalid-query', 'The page token is not one Berth issued; reload the logs.');
  }
  if (cursor.f !== fingerprint) {
    throw new LogSourceError('invalid-query', 'The page token belongs to a different search; reload the logs.');
  }
  return cursor as Cursor;
}

function statusMessage(error: ApiException<unknown>): string | undefined {
  let body: unknown = error.body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return text.trim() || undefined;
    }
  }
  const message = (body as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
