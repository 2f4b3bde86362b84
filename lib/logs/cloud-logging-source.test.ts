// CloudLoggingSource through the real @google-cloud/logging client, over gRPC, against the sandbox
// Cloud Logging server fed from memory.
import net from 'node:net';
import { Logging } from '@google-cloud/logging';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MemoryLogFeed } from '@/sandbox/cloud-logging/memory-log-feed';
import { logFailure } from './log-error-response';
import { type CloudLoggingServer, type SandboxLogRecord, startCloudLoggingServer } from '@/sandbox/cloud-logging/server';
import { logRecord, logSourceRejection } from '@/lib/testing/log-records';
import { CloudLoggingSource } from './cloud-logging-source';
import type { LogEntry, LogQuery } from './log-entry';
import { type SandboxLogSource, startSandboxLogSource } from '@/lib/testing/sandbox-log-source';

const NOW = Date.now();
const T0 = NOW - 10 * 60_000; // ten minutes ago: inside the default 24 hours

function record(overrides: Partial<SandboxLogRecord> & { at: number }): SandboxLogRecord {
  const { at, ...rest } = overrides;
  return logRecord({
    podLabels: { 'app.kubernetes.io/instance': 'intake-forms', 'app.kubernetes.io/component': 'web' },
    time: new Date(T0 + at),
    nanos: 123_456,
    node: 'gke-stage-pool-1-node-a',
    ...rest,
  });
}

const feed = new MemoryLogFeed();
const records: SandboxLogRecord[] = [
  record({ at: 0, text: 'intake-forms listening on port 8080' }),
  record({ at: 1_000, text: '{"severity":"WARNING","message":"Slow FHIR call","latencyMs":2300}' }),
  record({ at: 2_000, text: 'Error: upstream timeout after 30s', stream: 'stderr' }),
  record({ at: 3_000, pod: 'intake-forms-web-2', text: 'GET /healthz 200' }),
  record({ at: 4_000, pod: 'intake-forms-web-2', text: '{"severity":"error","message":"Submission failed: TIMEOUT"}' }),
  record({ at: 5_000, pod: 'intake-forms-worker-1', container: 'worker', text: 'picked up job 17' }),
  record({ at: 6_000, pod: 'intake-forms-worker-1', container: 'worker', text: 'done with job 17', stream: 'stderr' }),
  record({ at: 7_000, text: '{"message":"no severity here"}' }),
  record({ at: 8_000, text: 'he said "hi" and left \\o/' }),
  // Not the app, not the cluster, not the project, or too old: never returned.
  record({ at: 2_500, pod: 'billing-sync-1', podLabels: { 'app.kubernetes.io/instance': 'billing-sync' }, text: 'timeout elsewhere' }),
  record({ at: 2_600, cluster: 'gke-production', text: 'timeout in production' }),
  record({ at: 2_700, projectId: 'meridian-prod', cluster: 'gke-production', text: 'timeout in the prod project' }),
  record({ at: -25 * 60 * 60_000, text: 'timeout yesterday' }),
];
feed.push(...records);
const appRecords = records.slice(0, 9);

let logging: SandboxLogSource;
let server: CloudLoggingServer;
let source: CloudLoggingSource;
const query: LogQuery = { app: 'intake-forms', namespace: 'intake-forms', environment: 'stage', cluster: 'gke-stage' };

beforeAll(async () => {
  logging = await startSandboxLogSource(feed);
  ({ server, source } = logging);
});

afterAll(() => logging?.close());

async function allPages(q: LogQuery): Promise<{ entries: LogEntry[]; pages: number; tokens: string[] }> {
  const entries: LogEntry[] = [];
  const tokens: string[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await source.query({ ...q, pageToken });
    entries.push(...page.entries);
    pages += 1;
    pageToken = page.nextPageToken;
    if (pageToken) tokens.push(pageToken);
  } while (pageToken && pages < 50);
  return { entries, pages, tokens };
}

const rejection = logSourceRejection;

describe('query', () => {
  test('pages newest first with tokens, through every entry of the app and nothing else', async () => {
    const { entries, pages, tokens } = await allPages({ ...query, pageSize: 4 });
    expect(pages).toBe(3);
    expect(tokens).toHaveLength(2);
    expect(entries.map((e) => e.insertId)).toEqual(appRecords.map((r) => r.insertId).reverse());
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(entries.length);
  });

  test('the same page asked twice gives the same token (stable, opaque)', async () => {
    const first = await source.query({ ...query, pageSize: 4, since: new Date(T0 - 1000) });
    const again = await source.query({ ...query, pageSize: 4, since: new Date(T0 - 1000) });
    expect(first.nextPageToken).toBeTruthy();
    expect(again.nextPageToken).toBe(first.nextPageToken);
  });

  test('oldest first', async () => {
    const { entries } = await allPages({ ...query, pageSize: 5, order: 'asc' });
    expect(entries.map((e) => e.insertId)).toEqual(appRecords.map((r) => r.insertId));
  });

  test.each<[string, Partial<LogQuery>, string[]]>([
    ['one pod', { pods: ['intake-forms-web-2'] }, ['GET /healthz 200', 'Submission failed: TIMEOUT']],
    ['two pods', { pods: ['intake-forms-web-2', 'intake-forms-worker-1'] }, ['GET /healthz 200', 'Submission failed: TIMEOUT', 'picked up job 17', 'done with job 17']],
    ['a container', { container: 'worker' }, ['picked up job 17', 'done with job 17']],
    ['a minimum severity', { minSeverity: 'ERROR' }, ['Error: upstream timeout after 30s', 'Submission failed: TIMEOUT', 'done with job 17']],
    ['WARNING and up', { minSeverity: 'WARNING' }, ['Slow FHIR call', 'Error: upstream timeout after 30s', 'Submission failed: TIMEOUT', 'done with job 17']],
    ['text, any case, in text and JSON payloads', { text: 'timeout' }, ['Error: upstream timeout after 30s', 'Submission failed: TIMEOUT']],
    ['text with quotes and a backslash', { text: 'said "hi" and left \\o/' }, ['he said "hi" and left \\o/']],
    ['a time range', { since: new Date(T0 + 1_000), until: new Date(T0 + 3_000) }, ['Slow FHIR call', 'Error: upstream timeout after 30s']],
    ['text and severity and pod', { text: 'job', minSeverity: 'ERROR', pods: ['intake-forms-worker-1'] }, ['done with job 17']],
  ])('filters by %s', async (_name, filters, expected) => {
    const { entries } = await allPages({ ...query, ...filters, order: 'asc', pageSize: 3 });
    expect(entries.map((e) => e.text ?? e.json?.message)).toEqual(expected);
  });

  test('maps entries the way GKE writes them: severity, payload, stream, nanosecond time', async () => {
    const { entries } = await source.query({ ...query, order: 'asc', pageSize: 100 });
    const byText = (text: string) => entries.find((e) => e.text === text || e.json?.message === text)!;

    expect(byText('intake-forms listening on port 8080')).toEqual({
      insertId: appRecords[0].insertId,
      time: `${new Date(T0).toISOString().slice(0, 23)}123456Z`,
      severity: 'INFO',
      environment: 'stage',
      cluster: 'gke-stage',
      namespace: 'intake-forms',
      pod: 'intake-forms-web-1',
      container: 'web',
      stream: 'stdout',
      text: 'intake-forms listening on port 8080',
    } satisfies LogEntry);
    // JSON: severity comes from the payload (any case) and leaves it; the rest stays structured.
    expect(byText('Slow FHIR call')).toMatchObject({ severity: 'WARNING', json: { message: 'Slow FHIR call', latencyMs: 2300 } });
    expect(byText('Slow FHIR call').json).not.toHaveProperty('severity');
    expect(byText('Slow FHIR call').text).toBeUndefined();
    expect(byText('Submission failed: TIMEOUT')).toMatchObject({ severity: 'ERROR', pod: 'intake-forms-web-2' });
    // Plain lines: stderr is ERROR, stdout INFO; JSON without severity follows its stream.
    expect(byText('Error: upstream timeout after 30s')).toMatchObject({ severity: 'ERROR', stream: 'stderr' });
    expect(byText('done with job 17')).toMatchObject({ severity: 'ERROR', stream: 'stderr', container: 'worker' });
    expect(byText('no severity here')).toMatchObject({ severity: 'INFO', json: { message: 'no severity here' } });
  });

  test('without since, reads the last 24 hours', async () => {
    const { entries } = await allPages({ ...query, text: 'yesterday' });
    expect(entries).toEqual([]);
    const older = await allPages({ ...query, text: 'yesterday', since: new Date(NOW - 48 * 60 * 60_000) });
    expect(older.entries.map((e) => e.text)).toEqual(['timeout yesterday']);
  });

  test('an aborted query rejects with the abort reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('page closed'));
    await expect(source.query(query, controller.signal)).rejects.toThrow('page closed');
  });
});

describe('errors in plain words', () => {
  test('a filter Cloud Logging rejects (INVALID_ARGUMENT) is an invalid query', async () => {
    // Cloud Logging caps filters at 20,000 characters; so does the sandbox.
    const error = await rejection(source.query({ ...query, text: 'x'.repeat(20_001) }));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toMatch(/^Cloud Logging did not accept the query: Invalid filter at position \d+: the filter is longer than 20000 characters/);
  });

  test('a page token used with another query is an invalid query', async () => {
    const page = await source.query({ ...query, pageSize: 1, text: 'timeout' });
    const error = await rejection(source.query({ ...query, pageSize: 1, text: 'job', pageToken: page.nextPageToken }));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toMatch(/page_token belongs to a different request/);
    expect((await rejection(source.query({ ...query, pageToken: 'garbage' }))).kind).toBe('invalid-query');
  });

  test('the server answers INVALID_ARGUMENT with the position for a filter it does not understand', async () => {
    const logging = new Logging({
      projectId: 'meridian-stage',
      apiEndpoint: '127.0.0.1',
      port: server.port,
      sslCreds: grpc.credentials.createInsecure(),
    } as ConstructorParameters<typeof Logging>[0]);
    const error = await logging
      .getEntries({ filter: 'resource.type="k8s_container" jsonPayload.x="1" foo="bar"', autoPaginate: false, gaxOptions: { retry: null } })
      .then(
        () => undefined,
        (caught: { code?: number; details?: string }) => caught,
      );
    expect(error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error?.details).toBe(
      'Invalid filter at position 49: unknown field foo (the sandbox understands resource.type, resource.labels.*, labels.*, severity, timestamp, receiveTimestamp, logName, insertId, textPayload, jsonPayload.*)',
    );
    await (logging.loggingService as unknown as { close(): Promise<void> }).close();
  });

  test('a project Berth may not read is permission denied', async () => {
    const prod = new CloudLoggingSource({ projectId: () => 'meridian-prod', endpoint: server.endpoint });
    try {
      const error = await rejection(prod.query({ ...query, environment: 'production', cluster: 'gke-production' }));
      expect(error.kind).toBe('permission-denied');
      expect(error.message).toMatch(/^Berth is not allowed to read the logs of project meridian-prod: .*roles\/logging.viewer/);
    } finally {
      await prod.close();
    }
  });

  test('a server that is gone is unavailable, quickly', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const dead = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: gone.endpoint, timeoutMs: 20_000 });
    try {
      const started = Date.now();
      const error = await rejection(dead.query(query));
      expect(error.kind).toBe('unavailable');
      expect(error.message).toContain('Cloud Logging could not be reached.');
      expect(error.message).not.toContain(gone.endpoint);
      // Well short of the 20 s deadline it was given: a refused connection is not retried until then.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await dead.close();
    }
  });

  test('a server that does not answer is a timeout', async () => {
    // Accepts connections and never speaks: a hung backend.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const slow = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: `127.0.0.1:${port}`, timeoutMs: 300 });
    try {
      const error = await rejection(slow.query(query));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('Cloud Logging did not answer within 0.3 seconds. Try a shorter time range or a narrower filter.');
    } finally {
      await slow.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('tail', () => {
  test('receives the new entries that match, until aborted', async () => {
    const controller = new AbortController();
    const received: LogEntry[] = [];
    const tailing = source.tail({ ...query, pods: ['intake-forms-web-1'], since: new Date(T0) }, (e) => received.push(e), controller.signal);
    await vi.waitFor(() => expect(feed.listenerCount).toBe(1));

    const later = Date.now() - T0;
    feed.push(
      record({ at: later, text: 'tailed one' }),
      record({ at: later + 1, pod: 'intake-forms-web-2', text: 'another pod' }),
      record({ at: later + 2, podLabels: { 'app.kubernetes.io/instance': 'billing-sync' }, text: 'another app' }),
      record({ at: later + 3, text: '{"severity":"CRITICAL","message":"tailed two"}' }),
    );
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((e) => [e.text ?? e.json?.message, e.severity])).toEqual([
      ['tailed one', 'INFO'],
      ['tailed two', 'CRITICAL'],
    ]);

    controller.abort();
    await tailing;
    await vi.waitFor(() => expect(feed.listenerCount).toBe(0));
  });

  test('ends when the server ends the stream', async () => {
    const own = await startCloudLoggingServer({ feed });
    const ownSource = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: own.endpoint });
    try {
      const tailing = ownSource.tail({ ...query, text: 'bye' }, () => {}, new AbortController().signal);
      await vi.waitFor(() => expect(feed.listenerCount).toBe(1));
      await own.close();
      await expect(tailing).resolves.toBeUndefined();
    } finally {
      await ownSource.close();
    }
  });

  test('an unreachable server makes the tail fail as unavailable', async () => {
    const gone = await startCloudLoggingServer({ feed });
    await gone.close();
    const dead = new CloudLoggingSource({ projectId: 'meridian-stage', endpoint: gone.endpoint });
    try {
      const error = await rejection(dead.tail(query, () => {}, new AbortController().signal));
      expect(error.kind).toBe('unavailable');
      // Nor does the log backend's address reach the reader.
      const port = gone.endpoint.split(':').pop()!;
      const shown = JSON.stringify(logFailure(error));
      expect(shown).not.toContain(gone.endpoint);
      expect(shown).not.toMatch(new RegExp(`(127\\.0\\.0\\.1|localhost|:${port}\\b)`));
    } finally {
      await dead.close();
    }
  });
});
