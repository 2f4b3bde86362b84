// KubernetesSource through the real @kubernetes/client-node, over HTTP, against the sandbox
// Kubernetes API (a ManualClock drives its pods, so the lines are known and time stands still).
import http from 'node:http';
import type net from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ManualClock } from '@/sandbox/kube-api/clock';
import type { Pod } from '@/sandbox/kube-api/kube-types';
import { type KubeApiServer, startKubeApiServer } from '@/sandbox/kube-api/server';
import { isPodReady } from '@/sandbox/kube-api/simulator';
import { app } from '@/sandbox/kube-api/test-helpers';
import { logSourceRejection } from '@/lib/testing/log-records';
import { KubernetesSource } from './kubernetes-source';
import { logErrorResponse, logFailure } from './log-error-response';
import { interpretLine } from './pod-log-lines';
import type { LogEntry, LogQuery } from './log-entry';

const MINUTE = 60_000;
const NS = 'demo-forms';

let clock: ManualClock;
let server: KubeApiServer;
let kubeConfig: KubeConfig;
let source: KubernetesSource;
let web: string[];
let worker: string;
let markStart: Date;

const query: LogQuery = { app: NS, namespace: NS, environment: 'stage', cluster: 'gke-stage' };

function pods(): Pod[] {
  return server.store('stage').list('pods', NS) as Pod[];
}

function write(pod: string, ...lines: string[]): void {
  expect(server.simulator('stage').mutatePod(NS, pod, { type: 'log', lines })).toBe(true);
}

const rejection = logSourceRejection;

async function allPages(from: KubernetesSource, q: LogQuery): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const page = await from.query({ ...q, pageToken });
    expect(page.entries.length).toBeLessThanOrEqual(q.pageSize ?? 100);
    entries.push(...page.entries);
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken && pages < 500);
  expect(pageToken).toBeUndefined();
  return entries;
}

beforeAll(async () => {
  clock = new ManualClock();
  server = await startKubeApiServer({ clusters: ['stage', 'production'], clock, seed: 'kubernetes-source-test' });
  server.applyDesiredState('stage', [
    app(NS, [{ name: 'web', replicas: 2 }, { name: 'worker', replicas: 1 }]),
    // Another app in the same namespace: never read.
    app('other-app', [{ name: 'web', replicas: 1 }], { namespace: NS }),
  ]);
  const running = () => pods().filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
  expect(clock.advanceUntil(() => running().length === 4, { maxMs: 5 * MINUTE, stepMs: 500 })).toBe(true);
  clock.advance(5_000);
  const ours = running().filter((p) => p.metadata.labels?.['app.kubernetes.io/instance'] === NS);
  web = ours.filter((p) => p.spec.containers[0].name === 'web').map((p) => p.metadata.name).sort();
  worker = ours.find((p) => p.spec.containers[0].name === 'worker')!.metadata.name;
  const other = running().find((p) => p.metadata.labels?.['app.kubernetes.io/instance'] === 'other-app')!.metadata.name;

  // Some volume for paging: three pods writing in turns, some lines in the same millisecond.
  for (let i = 0; i < 20; i += 1) {
    write([web[0], web[1], worker][i % 3], `request ${i} served`, `request ${i} logged`);
    if (i % 2) clock.advance(7);
  }
  clock.advance(100);
  // A burst in one pod: reading a few lines per container, the other pods' older lines must not
  // come before the rest of the burst.
  write(web[0], ...Array.from({ length: 30 }, (_, i) => `burst line ${i}`));
  clock.advance(1_000);

  markStart = new Date(clock.now());
  write(web[0], 'ERROR MARK payment declined for visit 981');
  clock.advance(10);
  write(web[1], '{"severity":"warning","message":"MARK slow upstream","latencyMs":2300}');
  clock.advance(10);
  write(worker, 'panic: MARK runtime error: index out of range');
  clock.advance(10);
  write(web[0], 'Error: MARK Timeout talking to the FHIR server');
  clock.advance(10);
  write(web[1], 'MARK plain line, mentions timeout', '{"message":"MARK json without severity"}');
  clock.advance(10);
  write(worker, 'WARN MARK queue is backing up');
  write(other, 'MARK from another app');
  clock.advance(10);

  kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(server.kubeconfig());
  source = new KubernetesSource(kubeConfig);
});

afterAll(async () => {
  await server.close();
});

describe('query', () => {
  test('merges every pod of the app, newest first, with severity inferred from the line', async () => {
    const { entries } = await source.query({ ...query, text: 'mark' });
    expect(entries.map((e) => [e.pod, e.severity, e.text ?? e.json])).toEqual([
      [worker, 'WARNING', 'WARN MARK queue is backing up'],
      [web[1], 'DEFAULT', { message: 'MARK json without severity' }],
      [web[1], 'DEFAULT', 'MARK plain line, mentions timeout'],
      [web[0], 'ERROR', 'Error: MARK Timeout talking to the FHIR server'],
      [worker, 'ERROR', 'panic: MARK runtime error: index out of range'],
      [web[1], 'WARNING', { message: 'MARK slow upstream', latencyMs: 2300 }],
      [web[0], 'ERROR', 'ERROR MARK payment declined for visit 981'],
    ]);
    const first = entries.at(-1)!;
    expect(first).toMatchObject({ environment: 'stage', cluster: 'gke-stage', namespace: NS, container: 'web' });
    expect(first.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    expect(Date.parse(first.time)).toBe(markStart.getTime());
    expect(first.stream).toBeUndefined();
    // Times strictly ordered, insertIds unique.
    const times = entries.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(entries.map((e) => e.insertId)).size).toBe(entries.length);
  });

  test.each<[string, Partial<LogQuery>, string[]]>([
    ['pods', { pods: ['$web1'] }, ['MARK slow upstream', 'MARK plain line, mentions timeout', 'MARK json without severity']],
    ['a container', { container: 'worker' }, ['panic: MARK runtime error: index out of range', 'WARN MARK queue is backing up']],
    ['a minimum severity', { minSeverity: 'ERROR' }, ['ERROR MARK payment declined for visit 981', 'panic: MARK runtime error: index out of range', 'Error: MARK Timeout talking to the FHIR server']],
    ['text, in any case', { text: 'TIMEOUT' }, ['Error: MARK Timeout talking to the FHIR server', 'MARK plain line, mentions timeout']],
    ['a time window', { since: new Date(0), until: new Date(0) }, ['MARK slow upstream', 'panic: MARK runtime error: index out of range']],
  ])('filters by %s', async (_name, filters, expected) => {
    const q: LogQuery = { ...query, text: 'mark', ...filters, order: 'asc' };
    if (filters.pods) q.pods = [web[1]];
    if (filters.since) {
      q.since = new Date(markStart.getTime() + 10);
      q.until = new Date(markStart.getTime() + 30);
    }
    const { entries } = await source.query(q);
    expect(entries.map((e) => e.text ?? e.json?.message)).toEqual(expected);
  });

  test.each<['asc' | 'desc', number, { linesPerRead?: number; bytesPerRead?: number }]>([
    ['desc', 7, {}],
    ['asc', 7, {}],
    // Little read at a time: pages must read deeper and still miss nothing.
    ['desc', 4, { linesPerRead: 5 }],
    ['asc', 4, { bytesPerRead: 200 }],
  ])('pages %s (page size %i, reading %j) through exactly what one big page holds', async (order, pageSize, reads) => {
    const reader = new KubernetesSource(kubeConfig, reads);
    const everything = (await source.query({ ...query, order, pageSize: 1_000 })).entries;
    expect(everything.length).toBeGreaterThan(50);
    const paged = await allPages(reader, { ...query, order, pageSize });
    expect(paged.map((e) => e.insertId)).toEqual(everything.map((e) => e.insertId));
  });

  test('the previous container of a pod that restarted', async () => {
    const simulator = server.simulator('stage');
    expect(simulator.mutatePod(NS, worker, { type: 'crash', exitCode: 2, lines: ['fatal: MARK lost connection to Pub/Sub'] })).toBe(true);
    const restarted = () => {
      const pod = pods().find((p) => p.metadata.name === worker);
      return (pod?.status.containerStatuses?.[0]?.restartCount ?? 0) > 0 && pod !== undefined && isPodReady(pod);
    };
    expect(clock.advanceUntil(restarted, { maxMs: 5 * MINUTE, stepMs: 500 })).toBe(true);

    const previous = await source.query({ ...query, previous: true, text: 'mark' });
    // Only the worker has a previous container; the web pods without one do not fail the query.
    expect(previous.entries.map((e) => [e.pod, e.text])).toEqual([
      [worker, 'fatal: MARK lost connection to Pub/Sub'],
      [worker, 'WARN MARK queue is backing up'],
      [worker, 'panic: MARK runtime error: index out of range'],
    ]);
    expect(previous.entries[0].insertId).toContain('/previous/');

    const current = await source.query({ ...query, pods: [worker], text: 'mark' });
    expect(current.entries).toEqual([]);

    const none = await rejection(source.query({ ...query, pods: [web[0]], previous: true }));
    expect(none.kind).toBe('invalid-query');
    expect(none.message).toBe(`Previous terminated container "web" in pod "${web[0]}" not found`);
  });
});

describe('pods still starting', () => {
  test('never fail the answer: the other pods’ lines, and which pod is still starting', async () => {
    const starter = 'demo-start';
    const q: LogQuery = { app: starter, namespace: starter, environment: 'production', cluster: 'gke-production' };
    const podsOf = () => (server.store('production').list('pods', starter) as Pod[]).filter((p) => !p.metadata.deletionTimestamp);
    // Bound to a node, its container being created (an unbound pod's log is simply empty).
    const isStarting = (p: Pod) => !!p.spec.nodeName && !(p.status.containerStatuses ?? []).some((c) => c.state.running);
    server.applyDesiredState('production', [app(starter, [{ name: 'web', replicas: 1 }])]);
    expect(clock.advanceUntil(() => podsOf().length === 1 && isStarting(podsOf()[0]), { maxMs: MINUTE, stepMs: 10 })).toBe(true);

    // The app's only pod is being created: no lines yet, and no error either.
    const first = await source.query(q);
    expect(first.entries).toEqual([]);
    expect(first.unread).toEqual([{ pod: podsOf()[0].metadata.name, container: 'web', reason: 'starting', detail: expect.stringMatching(/is waiting to start: ContainerCreating/) }]);

    // Running, then a second pod (a scale-up, or a rollout's surge): the first one's lines, and a note for the second.
    expect(clock.advanceUntil(() => podsOf().every(isPodReady), { maxMs: 5 * MINUTE, stepMs: 500 })).toBe(true);
    const running = podsOf()[0].metadata.name;
    expect(server.simulator('production').mutatePod(starter, running, { type: 'log', lines: ['INFO STARTMARK serving'] })).toBe(true);
    server.applyDesiredState('production', [app(starter, [{ name: 'web', replicas: 2 }])]);
    const second = () => podsOf().find((p) => p.metadata.name !== running);
    expect(clock.advanceUntil(() => second() !== undefined && isStarting(second()!), { maxMs: MINUTE, stepMs: 10 })).toBe(true);
    const page = await source.query({ ...q, text: 'STARTMARK' });
    expect(page.entries.map((e) => [e.pod, e.severity, e.text])).toEqual([[running, 'INFO', 'INFO STARTMARK serving']]);
    expect(page.unread?.map((u) => [u.pod, u.reason])).toEqual([[second()!.metadata.name, 'starting']]);
  });
});

describe('tail', () => {
  test('streams new lines of the chosen pods until aborted', async () => {
    clock.advance(5_000); // earlier lines are out of the last second the tail starts from
    const controller = new AbortController();
    const received: LogEntry[] = [];
    const tailing = source.tail({ ...query, pods: [web[0]], text: 'tail' }, (e) => received.push(e), controller.signal);

    write(web[1], 'MARK tail from another pod');
    write(web[0], 'MARK tail one', 'ignored line');
    write(web[0], '{"severity":"CRITICAL","message":"MARK tail two"}');
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received.map((e) => [e.pod, e.severity, e.text ?? e.json?.message])).toEqual([
      [web[0], 'DEFAULT', 'MARK tail one'],
      [web[0], 'CRITICAL', 'MARK tail two'],
    ]);

    controller.abort();
    await expect(tailing).resolves.toBeUndefined();
  });

  test('ends when the pod goes away', async () => {
    const gone = web[1];
    const tailing = source.tail({ ...query, pods: [gone] }, () => {}, new AbortController().signal);
    // Stop the pod once its log is being followed (the sandbox tracks the open response).
    await vi.waitFor(async () => {
      write(gone, 'MARK still here');
      const { entries } = await source.query({ ...query, pods: [gone], text: 'still here', pageSize: 1 });
      expect(entries).toHaveLength(1);
    });
    expect(server.simulator('stage').mutatePod(NS, gone, { type: 'delete', gracePeriodSeconds: 0 })).toBe(true);
    clock.advance(60_000);
    await expect(tailing).resolves.toBeUndefined();
  });
});

describe('errors in plain words', () => {
  test('a cluster Berth has no context for', async () => {
    const error = await rejection(source.query({ ...query, cluster: 'gke-dev', environment: 'dev' }));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toBe('Berth has no connection to cluster gke-dev (dev): no kubeconfig context for it.');
  });

  test('a pod that is not the app’s', async () => {
    const error = await rejection(source.query({ ...query, pods: ['someone-elses-pod'] }));
    expect(error.kind).toBe('invalid-query');
    expect(error.message).toMatch(/^No pod of demo-forms is named someone-elses-pod in demo-forms/);
  });

  test('a page token from another query', async () => {
    const page = await source.query({ ...query, pageSize: 1 });
    const error = await rejection(source.query({ ...query, pageSize: 1, text: 'x', pageToken: page.nextPageToken }));
    expect(error.kind).toBe('invalid-query');
  });

  test('a crafted page token cannot lift the lines read per container, nor carry a depth that is not a count', async () => {
    const capped = new KubernetesSource(kubeConfig, { linesPerRead: 5, maxLinesPerContainer: 10 });
    const craft = (token: string, d: unknown) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(token, 'base64url').toString('utf8')), d })).toString('base64url');
    // Every page asked for with a token claiming a billion lines per container.
    const seen = new Set<string>();
    let page = await capped.query({ ...query, pageSize: 3 });
    for (let i = 0; i < 100 && page.nextPageToken; i += 1) {
      for (const entry of page.entries) seen.add(entry.insertId);
      page = await capped.query({ ...query, pageSize: 3, pageToken: craft(page.nextPageToken, 1_000_000_000) });
    }
    for (const entry of page.entries) seen.add(entry.insertId);
    // Three containers, at most ten lines each are ever read, whatever the token says.
    const everything = (await allPages(source, { ...query, pageSize: 100 })).length;
    expect(everything).toBeGreaterThan(30);
    expect(seen.size).toBeLessThanOrEqual(30);

    const first = await capped.query({ ...query, pageSize: 3 });
    for (const bad of [0, -5, 1.5, '12', null]) {
      const error = await rejection(capped.query({ ...query, pageSize: 3, pageToken: craft(first.nextPageToken!, bad) }));
      expect(error.message).toBe('The page token is not one Berth issued; reload the logs.');
    }
  });

  test('an API server that is gone is unavailable', async () => {
    const gone = await startKubeApiServer({ clusters: ['stage'], clock: new ManualClock() });
    const config = new KubeConfig();
    config.loadFromString(gone.kubeconfig());
    await gone.close();
    const error = await rejection(new KubernetesSource(config).query(query));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^The Kubernetes API of cluster gke-stage could not be reached/);
    // The answer a reader gets (JSON, and the SSE problem event) never names the API server.
    const address = new URL(/server: (\S+)/.exec(gone.kubeconfig())![1]);
    const answer = await logErrorResponse(error, 'req-1').text();
    expect(answer).toMatch(/could not be reached/);
    expect(answer).not.toContain(address.hostname);
    expect(answer).not.toContain(`:${address.port}`);
    expect(JSON.stringify(logFailure(error))).not.toContain(address.host);
  });

  test('an API server that does not answer is a timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = http.createServer(() => {}); // never responds
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const config = new KubeConfig();
    config.loadFromString(server.kubeconfig().replace(/server: http:\/\/127\.0\.0\.1:\d+/g, `server: http://127.0.0.1:${port}`));
    try {
      const error = await rejection(new KubernetesSource(config, { timeoutMs: 300 }).query(query));
      expect(error.kind).toBe('timeout');
      expect(error.message).toBe('The Kubernetes API did not answer within 0.3 seconds.');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('interpretLine', () => {
  test.each<[string, string, boolean]>([
    ['{"severity":"ERROR","msg":"x"}', 'ERROR', true],
    ['{"severity":"notice"}', 'NOTICE', true],
    ['{"severity":"loud","msg":"x"}', 'DEFAULT', true],
    ['{"msg":"x"}', 'DEFAULT', true],
    ['{not json}', 'DEFAULT', false],
    ['[1,2]', 'DEFAULT', false],
    ['Error: boom', 'ERROR', false],
    ['ERROR boom', 'ERROR', false],
    ['panic: boom', 'ERROR', false],
    ['Errors are fine', 'DEFAULT', false],
    ['error lowercase', 'DEFAULT', false],
    ['WARN disk', 'WARNING', false],
    ['GET /healthz 200', 'DEFAULT', false],
  ])('%s → %s', (line, severity, structured) => {
    const result = interpretLine(line);
    expect(result.severity).toBe(severity);
    expect(result.json !== undefined).toBe(structured);
    expect(result.json ?? {}).not.toHaveProperty('severity', expect.stringMatching(/^(ERROR|NOTICE)$/i));
  });
});
