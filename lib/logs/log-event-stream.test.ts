// The follow stream (Server-Sent Events), the download and the readiness probe, over the real
// Cloud Logging client against the sandbox gRPC server fed from memory.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { type SandboxLogRecord, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import { logRecord } from '@/lib/testing/log-records';
import { probeLogBackend } from './check-log-backend';
import { CloudLoggingSource } from './cloud-logging-source';
import { collectLogDownload } from './collect-log-download';
import { formatLogLine } from './format-log-line';
import type { LogEntry, LogQuery } from './log-entry';
import { logEventStream } from './log-event-stream';
import type { LogSource } from './log-source';
import { type SandboxLogSource, startSandboxLogSource } from '@/lib/testing/sandbox-log-source';

const feed = new MemoryLogFeed();
let logging: SandboxLogSource;
let source: CloudLoggingSource;
const query: LogQuery = { app: 'intake-forms', namespace: 'intake-forms', environment: 'stage', cluster: 'gke-stage' };
const T0 = Date.now() - 30 * 60_000;

const record = (at: number, text: string, overrides: Partial<SandboxLogRecord> = {}) => logRecord({ time: new Date(at), text, ...overrides });

interface ServerSentEvent {
  event?: string;
  id?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** Reads an event stream as the browser's EventSource would, one event per call. */
function eventReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<ServerSentEvent | 'closed'> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) event.comment = line.slice(1).trim();
            else {
              const colon = line.indexOf(':');
              const field = line.slice(0, colon) as keyof ServerSentEvent;
              event[field] = line.slice(colon + 1).trimStart();
            }
          }
          return event;
        }
        const { done, value } = await reader.read();
        if (done) return 'closed';
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async until(predicate: (event: ServerSentEvent) => boolean): Promise<ServerSentEvent> {
      for (;;) {
        const event = await this.next();
        if (event === 'closed') throw new Error('the stream closed first');
        if (predicate(event)) return event;
      }
    },
  };
}

beforeAll(async () => {
  // 1,500 lines over ten minutes, an error every 100th.
  feed.push(...Array.from({ length: 1_500 }, (_, i) => record(T0 + i * 400, i % 100 === 0 ? `Error: failure ${i}` : `line ${i}`, i % 100 === 0 ? { stream: 'stderr' } : {})));
  logging = await startSandboxLogSource(feed);
  ({ source } = logging);
});

afterAll(() => logging?.close());

describe('logEventStream', () => {
  test('sends retry and ready, then new entries in batches with their time as id, until the client goes', async () => {
    const client = new AbortController();
    const events = eventReader(logEventStream({ source, query: { ...query, since: new Date() }, signal: client.signal, batchMs: 20 }));
    const first = await events.next();
    expect(first).toMatchObject({ retry: '3000', comment: 'following intake-forms in stage' });
    expect(await events.next()).toMatchObject({ event: 'ready' });
    await vi.waitFor(() => expect(feed.listenerCount).toBe(1));

    feed.push(record(Date.now(), 'live one'), record(Date.now() + 1, 'live two', { podLabels: { 'app.kubernetes.io/instance': 'billing-sync' } }), record(Date.now() + 2, 'live three'));
    const received: LogEntry[] = [];
    let lastId = '';
    while (received.length < 2) {
      const event = await events.until((e) => e.event === 'entries');
      const entries = JSON.parse(event.data ?? '[]') as LogEntry[];
      received.push(...entries);
      lastId = event.id ?? '';
      expect(lastId).toBe(entries[entries.length - 1].time);
    }
    expect(received.map((e) => e.text)).toEqual(['live one', 'live three']);

    client.abort();
    expect(await events.until(() => false).catch((error: Error) => error.message)).toBe('the stream closed first');
    await vi.waitFor(() => expect(feed.listenerCount).toBe(0));
  });

  test('sends a heartbeat comment while nothing is written', async () => {
    const client = new AbortController();
    const events = eventReader(logEventStream({ source, query: { ...query, text: 'nothing matches this' }, signal: client.signal, heartbeatMs: 30 }));
    const beat = await events.until((e) => e.comment?.startsWith('heartbeat') ?? false);
    expect(beat.comment).toMatch(/^heartbeat \d{4}-\d\d-\d\dT/);
    client.abort();
  });

  test('a backend that is down becomes a "problem" event, then the stream ends', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const dead = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: gone.endpoint });
    try {
      const events = eventReader(logEventStream({ source: dead, query, signal: new AbortController().signal }));
      const problem = await events.until((e) => e.event === 'problem');
      expect(JSON.parse(problem.data ?? '{}')).toEqual({
        code: 'unavailable',
        message: expect.stringContaining('Cloud Logging could not be reached.'),
        details: { kind: 'unavailable', hint: expect.stringContaining('Retry in a minute'), retryable: true },
      });
      expect(problem.data).not.toContain(gone.endpoint);
      expect(await events.next()).toBe('closed');
    } finally {
      await dead.close();
    }
  });

  test('a tail the server ends is started again from the last entry seen', async () => {
    let tails = 0;
    // A stand-in whose tail ends by itself once, as the Kubernetes source's does after a crash.
    const ending: LogSource = {
      query: () => Promise.reject(new Error('not used')),
      tail: async (q: LogQuery, onEntry: (entry: LogEntry) => void, signal: AbortSignal) => {
        tails += 1;
        // The first tail ends on its own (every container stopped); the second runs until aborted.
        if (tails === 1) {
          onEntry({ ...sample, insertId: 'a', time: '2026-11-12T09:00:00.123456789Z' });
          return;
        }
        expect(q.since).toEqual(new Date('2026-11-12T09:00:00.123Z'));
        onEntry({ ...sample, insertId: 'b', time: '2026-11-12T09:00:01.000000000Z' });
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      },
    };
    const sample: LogEntry = { insertId: '', time: '', severity: 'DEFAULT', environment: 'stage', cluster: 'gke-stage', namespace: 'intake-forms', pod: 'p', container: 'web', text: 'x' };
    const client = new AbortController();
    const events = eventReader(logEventStream({ source: ending, query, signal: client.signal, batchMs: 5, restartDelayMs: 10 }));
    const ids: string[] = [];
    while (ids.length < 2) ids.push(...(JSON.parse((await events.until((e) => e.event === 'entries')).data ?? '[]') as LogEntry[]).map((e) => e.insertId));
    expect(ids).toEqual(['a', 'b']);
    expect(tails).toBe(2);
    client.abort();
  });
});

describe('collectLogDownload', () => {
  test('the newest lines up to the limit, oldest first, saying when more matched', async () => {
    const since = new Date(T0 - 1);
    const until = new Date(T0 + 1_500 * 400); // before the lines the follow tests wrote
    const all = await collectLogDownload(source, { ...query, since, until, text: 'line 14' }, { maxLines: 1000 });
    expect(all.truncated).toBe(false);
    expect(all.entries.map((e) => e.text)).toEqual(['line 14', ...Array.from({ length: 10 }, (_, i) => `line ${140 + i}`), ...Array.from({ length: 99 }, (_, i) => `line ${1401 + i}`)]); // 1400 is an error line

    const cut = await collectLogDownload(source, { ...query, since, until }, { maxLines: 1_234 });
    expect(cut.truncated).toBe(true);
    expect(cut.entries).toHaveLength(1_234);
    expect(cut.entries[0].text).toBe('line 266');
    expect(cut.entries.at(-1)?.text).toBe('line 1499');
    expect(formatLogLine(cut.entries[0])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z INFO     intake-forms-web-1\/web line 266$/);
  });
});

describe('probeLogBackend', () => {
  const catalog = {
    environments: [{ name: 'stage' as const, cluster: 'gke-stage' }],
    apps: [{ name: 'intake-forms', namespace: 'intake-forms', environments: ['stage' as const] }],
  };

  test('ok when each environment answers', async () => {
    expect(await probeLogBackend(source, catalog, 'cloud-logging')).toEqual({ status: 'ok', detail: 'cloud-logging: stage' });
  });

  test('down, naming the environment, when the backend is gone', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const dead = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: gone.endpoint });
    try {
      const status = await probeLogBackend(dead, catalog, 'cloud-logging');
      expect(status).toMatchObject({ status: 'degraded', error: expect.stringMatching(/^cloud-logging: stage: Cloud Logging could not be reached/) });
    } finally {
      await dead.close();
    }
  });
});
