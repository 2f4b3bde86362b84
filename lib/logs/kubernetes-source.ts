import 'server-only';
// Logs read from the clusters' Kubernetes API (LOG_SOURCE=kubernetes, the embedded default): every
// pod of the app (label app.kubernetes.io/instance=<app>) and each of its containers, merged in
// time order. Pod logs carry no severity, so it is inferred from the line; Kubernetes has no text
// search, so the text filter runs here; and it has no "until", so pages are cut by time here.
import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { CoreV1Api, KubeConfig, Log } from '@kubernetes/client-node';
import { toLogSourceError, unreadReason, withDeadline } from './kubernetes-errors';
import { DEFAULT_PAGE_SIZE, type LogEntry, type LogQuery, MAX_PAGE_SIZE } from './log-entry';
import { type LogPage, type LogSource, LogSourceError, type UnreadPod } from './log-source';
import { dateToNanos } from './log-time';
import { decodeCursor, encodeCursor, fingerprintOf } from './page-cursor';
import { compareTimed, countLines, entryFilter, LineParser, type Target, type TimedEntry } from './pod-log-lines';

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
    // A page token comes back from the client: its depth never goes past this source's own limit.
    let depth = cursor ? Math.min(cursor.d, limits.max) : order === 'desc' ? Math.max(limits.first, pageSize + 1) : limits.first;
    for (;;) {
      const range = order === 'desc' ? { tailLines: depth } : { cursor: cursorMark, limitBytes: depth };
      const { reads, unread } = await this.readAll(clients, q, targets, range, signal);
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
        ...(unread.length > 0 ? { unread } : {}),
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
      const following = clients.log.log(q.namespace, target.pod, target.container, sink, { follow: true, timestamps: true, sinceSeconds });
      try {
        controller = await withDeadline(following, this.timeoutMs, signal);
      } catch (error) {
        sink.destroy();
        // Given up on (aborted, or past the deadline) while connecting: a follow that connects
        // after all must not stay open on the API server.
        following.then((late) => late.abort(), () => undefined);
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
    // A pod still starting (or gone) is no failure of the follow: it simply ends, and the
    // viewer follows again; only a real fault of every pod is an error.
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected' && !unreadReason(r.reason));
    if (failures.length > 0 && failures.length === results.length) throw toLogSourceError(failures[0].reason, q);
  }

  private async readAll(
    clients: Clients,
    q: LogQuery,
    targets: Target[],
    range: { tailLines: number } | { cursor: { nanos: bigint } | undefined; limitBytes: number },
    signal: AbortSignal | undefined,
  ): Promise<{ reads: { entries: TimedEntry[]; cutAt?: bigint }[]; unread: UnreadPod[] }> {
    const lower = [q.since ? dateToNanos(q.since) : undefined, 'cursor' in range ? range.cursor?.nanos : undefined]
      .filter((n): n is bigint => n !== undefined)
      .reduce<bigint | undefined>((max, n) => (max === undefined || n > max ? n : max), undefined);
    const sinceSeconds = lower === undefined ? undefined : sinceSecondsFor(lower);

    const results = await Promise.allSettled(
      targets.map(async (target) => {
        const body = await withDeadline(
          clients.core.readNamespacedPodLog({
            name: target.pod,
            namespace: q.namespace,
            container: target.container,
            timestamps: true,
            previous: q.previous || undefined,
            sinceSeconds,
            ...('tailLines' in range ? { tailLines: range.tailLines } : { limitBytes: range.limitBytes }),
          }),
          this.timeoutMs,
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
    // A pod still starting, or gone since it was listed, has no lines to give: it never fails the
    // answer (during every rollout's surge one is starting); the page says which and why.
    const unread: UnreadPod[] = [];
    const failures: unknown[] = [];
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      const why = unreadReason(r.reason);
      if (why) unread.push({ pod: targets[i].pod, container: targets[i].container, ...why });
      else failures.push(r.reason);
    });
    // One pod without logs for another reason (no previous container) must not hide the others;
    // when no pod answered and some failed for a real reason, that reason is the answer.
    const answered = results.length - failures.length - unread.length;
    if (failures.length > 0 && answered === 0) throw toLogSourceError(failures[0], q);
    return { reads: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])), unread };
  }

  /** The pods and containers to read: the app's pods (or the named ones among them). */
  private async targets(q: LogQuery, clients: Clients, signal: AbortSignal | undefined): Promise<Target[]> {
    let pods;
    try {
      pods = await withDeadline(
        clients.core.listNamespacedPod({ namespace: q.namespace, labelSelector: `${INSTANCE_LABEL}=${q.app}` }),
        this.timeoutMs,
        signal,
      );
    } catch (error) {
      throw toLogSourceError(error, q);
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
