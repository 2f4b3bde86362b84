// The sandbox Cloud Logging server on the wire, with a plain gRPC client built from the API's own
// protos: the entry shape GKE writes, request validation, paging limits, tails.
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { MemoryLogFeed } from './memory-log-feed';
import { loadLoggingProto } from './protos';
import { type CloudLoggingServer, type SandboxLogRecord, startCloudLoggingServer } from './server';

type Call = (request: object, callback: (error: grpc.ServiceError | null, response?: ListResponse) => void) => void;

interface WireEntry {
  logName: string;
  resource: { type: string; labels: Record<string, string> };
  labels: Record<string, string>;
  severity: string;
  timestamp: { seconds: string; nanos: number };
  receiveTimestamp: { seconds: string; nanos: number };
  insertId: string;
  payload: 'textPayload' | 'jsonPayload';
  textPayload?: string;
  jsonPayload?: { fields: Record<string, unknown> };
}

interface ListResponse {
  entries: WireEntry[];
  nextPageToken: string;
}

const T0 = Date.UTC(2026, 10, 12, 9, 0, 0);
let n = 0;
function record(overrides: Partial<SandboxLogRecord> = {}): SandboxLogRecord {
  n += 1;
  return {
    cluster: 'gke-stage',
    projectId: 'meridian-stage',
    namespace: 'scheduler',
    pod: 'scheduler-api-6d5f-x2x9k',
    container: 'api',
    podLabels: { 'app.kubernetes.io/instance': 'scheduler', 'app.kubernetes.io/component': 'api', 'pod-template-hash': '6d5f' },
    time: new Date(T0 + n * 1000),
    nanos: 42,
    text: `line ${n}`,
    stream: 'stdout',
    insertId: `id-${String(n).padStart(5, '0')}`,
    node: 'gke-stage-pool-1-node-b',
    ...overrides,
  };
}

const feed = new MemoryLogFeed();
let server: CloudLoggingServer;
let client: grpc.Client & Record<string, unknown>;

function list(request: object): Promise<ListResponse> {
  return new Promise((resolve, reject) =>
    (client.ListLogEntries as Call).call(client, request, (error, response) => (error ? reject(error) : resolve(response!))),
  );
}

async function listError(request: object): Promise<grpc.ServiceError> {
  return list(request).then(
    () => {
      throw new Error('expected an error');
    },
    (error: grpc.ServiceError) => error,
  );
}

const project = { resourceNames: ['projects/meridian-stage'] };

beforeAll(async () => {
  feed.push(
    record({ text: 'plain stdout' }),
    record({ text: 'plain stderr', stream: 'stderr' }),
    record({ text: '{"severity":"DEBUG","message":"structured","nested":{"a":[1,true,null,"x"]}}' }),
    record({ text: '{"severity":"LOUD","message":"odd severity"}', stream: 'stderr' }),
    ...Array.from({ length: 1_200 }, () => record({ pod: 'scheduler-worker-1', container: 'worker', text: 'tick' })),
  );
  server = await startCloudLoggingServer({ feed, projectId: 'meridian-stage', location: 'us-central1' });
  const { Client } = loadLoggingProto();
  client = new Client(server.endpoint, grpc.credentials.createInsecure()) as grpc.Client & Record<string, unknown>;
});

afterAll(async () => {
  client.close();
  await server.close();
});

describe('ListLogEntries', () => {
  test('entries look like GKE wrote them', async () => {
    const { entries } = await list({ ...project, filter: 'resource.labels.container_name="api"', pageSize: 10 });
    expect(entries).toHaveLength(4);
    const [stdout, stderr, json, odd] = entries;
    expect(stdout).toMatchObject({
      logName: 'projects/meridian-stage/logs/stdout',
      resource: {
        type: 'k8s_container',
        labels: {
          project_id: 'meridian-stage',
          location: 'us-central1',
          cluster_name: 'gke-stage',
          namespace_name: 'scheduler',
          pod_name: 'scheduler-api-6d5f-x2x9k',
          container_name: 'api',
        },
      },
      labels: {
        'k8s-pod/app_kubernetes_io/instance': 'scheduler',
        'k8s-pod/app_kubernetes_io/component': 'api',
        'k8s-pod/pod-template-hash': '6d5f',
        'compute.googleapis.com/resource_name': 'gke-stage-pool-1-node-b',
      },
      severity: 'INFO',
      timestamp: { seconds: String((T0 + 1000) / 1000), nanos: 42 },
      insertId: 'id-00001',
      payload: 'textPayload',
      textPayload: 'plain stdout',
    });
    expect(stdout.receiveTimestamp.seconds).toBe(stdout.timestamp.seconds);
    expect(stderr).toMatchObject({ logName: 'projects/meridian-stage/logs/stderr', severity: 'ERROR', textPayload: 'plain stderr' });
    expect(json).toMatchObject({
      severity: 'DEBUG',
      payload: 'jsonPayload',
      jsonPayload: {
        fields: {
          message: { stringValue: 'structured' },
          nested: {
            structValue: {
              fields: {
                a: { listValue: { values: [{ numberValue: 1 }, { boolValue: true }, { nullValue: 'NULL_VALUE' }, { stringValue: 'x' }] } },
              },
            },
          },
        },
      },
    });
    expect(json.jsonPayload!.fields).not.toHaveProperty('severity');
    // An unrecognised severity stays in the payload; the entry has none.
    expect(odd).toMatchObject({ severity: 'DEFAULT', jsonPayload: { fields: { severity: { stringValue: 'LOUD' } } } });
  });

  test.each<[string, object, number]>([
    ['a page of 50 by default', {}, 50],
    ['at most 1000', { pageSize: 5_000 }, 1_000],
    ['the page size asked for', { pageSize: 7 }, 7],
  ])('%s', async (_name, request, expected) => {
    const { entries, nextPageToken } = await list({ ...project, ...request });
    expect(entries).toHaveLength(expected);
    expect(nextPageToken).not.toBe('');
  });

  test('orders by timestamp, ascending unless asked otherwise, and pages without gaps', async () => {
    const ascending = await list({ ...project, pageSize: 3 });
    expect(ascending.entries.map((e) => e.insertId)).toEqual(['id-00001', 'id-00002', 'id-00003']);
    const descending = await list({ ...project, pageSize: 3, orderBy: 'timestamp desc' });
    expect(descending.entries.map((e) => e.insertId)).toEqual(['id-01204', 'id-01203', 'id-01202']);
    const next = await list({ ...project, pageSize: 3, orderBy: 'timestamp desc', pageToken: descending.nextPageToken });
    expect(next.entries.map((e) => e.insertId)).toEqual(['id-01201', 'id-01200', 'id-01199']);

    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await list({ ...project, filter: 'severity>=ERROR OR "structured"', pageSize: 1, pageToken });
      seen.push(...page.entries.map((e) => e.insertId));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(['id-00002', 'id-00003']);
  });

  test.each<[string, object, grpc.status, RegExp]>([
    ['no resource names', { resourceNames: [] }, grpc.status.INVALID_ARGUMENT, /resource_names must name at least one project/],
    ['a folder', { resourceNames: ['folders/123'] }, grpc.status.INVALID_ARGUMENT, /serves projects\/PROJECT_ID only/],
    ['another project', { resourceNames: ['projects/meridian-prod'] }, grpc.status.PERMISSION_DENIED, /does not have permission .* projects\/meridian-prod/],
    ['an unknown order', { ...project, orderBy: 'severity desc' }, grpc.status.INVALID_ARGUMENT, /order_by must be "timestamp asc" or "timestamp desc"/],
    ['a negative page size', { ...project, pageSize: -1 }, grpc.status.INVALID_ARGUMENT, /page_size must be a positive number/],
    ['a filter it does not understand', { ...project, filter: 'severity>=ERROR httpRequest.status>=500' }, grpc.status.INVALID_ARGUMENT, /^Invalid filter at position 17: unknown field httpRequest.status/],
    ['a forged page token', { ...project, pageToken: 'bm90IGEgdG9rZW4' }, grpc.status.INVALID_ARGUMENT, /page_token is not a token this server issued/],
  ])('rejects %s', async (_name, request, code, details) => {
    const error = await listError(request);
    expect(error.code).toBe(code);
    expect(error.details).toMatch(details);
  });

  test('other methods are UNIMPLEMENTED', async () => {
    const error = await new Promise<grpc.ServiceError>((resolve) =>
      (client.WriteLogEntries as Call).call(client, { entries: [] }, (e) => resolve(e!)),
    );
    expect(error.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(error.details).toBe('The sandbox Cloud Logging server does not implement WriteLogEntries.');
  });
});

describe('TailLogEntries', () => {
  function tail(request: object) {
    const call = (client.TailLogEntries as () => grpc.ClientDuplexStream<object, { entries: WireEntry[] }>).call(client);
    const batches: WireEntry[][] = [];
    const done = new Promise<grpc.StatusObject>((resolve) => {
      call.on('data', (response: { entries: WireEntry[] }) => batches.push(response.entries));
      call.on('status', resolve);
      call.on('error', () => {});
    });
    call.write(request);
    return { call, batches, done };
  }

  test('streams matching new entries; a buffer window sends them together, in time order', async () => {
    const { call, batches, done } = tail({ ...project, filter: 'resource.labels.pod_name="tailed"', bufferWindow: { seconds: 0, nanos: 200_000_000 } });
    await vi.waitFor(() => expect(feed.listenerCount).toBe(1));
    const later = record({ pod: 'tailed', insertId: 'tail-2' });
    const earlier = record({ pod: 'tailed', insertId: 'tail-1', time: new Date(later.time.getTime() - 5_000) });
    feed.push(later, record({ pod: 'not-tailed' }), earlier);
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0].map((e) => e.insertId)).toEqual(['tail-1', 'tail-2']);
    call.end();
    expect((await done).code).toBe(grpc.status.OK);
    await vi.waitFor(() => expect(feed.listenerCount).toBe(0));
  });

  test('a filter it does not understand ends the tail with INVALID_ARGUMENT', async () => {
    const { done } = tail({ ...project, filter: 'severity>=ERROR AND' });
    const status = await done;
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.details).toMatch(/^Invalid filter at position 17: AND needs a restriction after it/);
    expect(feed.listenerCount).toBe(0);
  });

  test('a cancelled tail stops listening', async () => {
    const { call, done } = tail(project);
    await vi.waitFor(() => expect(feed.listenerCount).toBe(1));
    call.cancel();
    expect((await done).code).toBe(grpc.status.CANCELLED);
    await vi.waitFor(() => expect(feed.listenerCount).toBe(0));
  });
});
