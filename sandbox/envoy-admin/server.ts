// The sandbox Envoy admin interface (node:http on 127.0.0.1): the endpoints Berth's cutover uses,
// in Envoy's own formats and error answers (source/server/admin/*.cc):
//   GET  /runtime                 JSON {"layers": [...], "entries": {key: {final_value, layer_values}}}
//   POST /runtime_modify?k=v      "OK\n"; 400 with usage when no parameter; 503 without an admin layer
//   GET  /stats/prometheus        text exposition (?usedonly, ?filter=<regex on Envoy's stat names>)
//   GET  /clusters[?format=json]  cluster and host status
//   GET  /ready                   "LIVE\n" (200) or "DRAINING\n" (503)
//   POST /healthcheck/fail|ok, POST /reset_counters
// A mutating path asked with another method answers 405 "Method GET not allowed, POST required.";
// an unknown path 404 with the list of commands.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSystemClock, type Clock } from '@/sandbox/kube-api/clock';
import { type BackendHealth, EdgeProxy, type EdgeRoute, RuntimeModifyError } from './edge-proxy';
import { renderPrometheus } from './envoy-stats';

export interface EnvoyAdminServerOptions {
  routes: EdgeRoute[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  seed?: string | number;
  timeScale?: number;
  clock?: Clock;
  backendHealth?: () => Map<string, BackendHealth>;
  flushIntervalMs?: number;
  adminLayer?: boolean;
  tickMs?: number;
}

export interface EnvoyAdminServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** host:port, as the sandbox addresses file carries it. */
  endpoint: string;
  port: number;
  proxy: EdgeProxy;
  close(): Promise<void>;
}

const TEXT = 'text/plain; charset=UTF-8';
const JSON_TYPE = 'application/json';

interface Handler {
  help: string;
  mutates: boolean;
  handle(url: URL, req: IncomingMessage, res: ServerResponse, body: string): void;
}

export async function startEnvoyAdminServer(options: EnvoyAdminServerOptions): Promise<EnvoyAdminServer> {
  const clock = options.clock ?? createSystemClock();
  const proxy = new EdgeProxy({
    routes: options.routes,
    clock,
    seed: options.seed,
    timeScale: options.timeScale,
    backendHealth: options.backendHealth,
    flushIntervalMs: options.flushIntervalMs,
    adminLayer: options.adminLayer,
    tickMs: options.tickMs,
  });

  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache, max-age=0', 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handlers: Record<string, Handler> = {
    '/clusters': {
      help: 'upstream cluster status',
      mutates: false,
      handle(url, _req, res) {
        const clusters = proxy.clusters();
        if (url.searchParams.get('format') === 'json') {
          send(res, 200, JSON_TYPE, protoJson({ cluster_statuses: clusters.map(clusterStatusJson) }));
          return;
        }
        const lines: string[] = [];
        for (const c of clusters) {
          for (const priority of ['default', 'high']) {
            lines.push(`${c.name}::${priority}_priority::max_connections::1024`, `${c.name}::${priority}_priority::max_pending_requests::1024`, `${c.name}::${priority}_priority::max_requests::1024`, `${c.name}::${priority}_priority::max_retries::3`);
          }
          lines.push(`${c.name}::added_via_api::false`);
          if (c.host) {
            const at = `${c.name}::${c.host.address}:${c.host.port}`;
            lines.push(`${at}::cx_active::0`, `${at}::cx_connect_fail::0`, `${at}::cx_total::${c.host.cxTotal}`, `${at}::rq_active::0`, `${at}::rq_error::${c.host.rqError}`, `${at}::rq_success::${c.host.rqSuccess}`, `${at}::rq_timeout::0`, `${at}::rq_total::${c.host.rqTotal}`);
            lines.push(`${at}::hostname::${c.host.hostname}`, `${at}::health_flags::healthy`, `${at}::weight::1`, `${at}::region::`, `${at}::zone::`, `${at}::sub_zone::`, `${at}::canary::false`, `${at}::priority::0`, `${at}::success_rate::-1`, `${at}::local_origin_success_rate::-1`);
          }
        }
        send(res, 200, TEXT, lines.map((l) => `${l}\n`).join(''));
      },
    },
    '/healthcheck/fail': {
      help: 'cause the server to fail health checks',
      mutates: true,
      handle(_url, _req, res) {
        proxy.setHealthCheckFailed(true);
        send(res, 200, TEXT, 'OK\n');
      },
    },
    '/healthcheck/ok': {
      help: 'cause the server to pass health checks',
      mutates: true,
      handle(_url, _req, res) {
        proxy.setHealthCheckFailed(false);
        send(res, 200, TEXT, 'OK\n');
      },
    },
    '/ready': {
      help: 'print server state, return 200 if LIVE, otherwise return 503',
      mutates: false,
      handle(_url, _req, res) {
        const state = proxy.serverState;
        send(res, state === 'LIVE' ? 200 : 503, TEXT, `${state}\n`);
      },
    },
    '/reset_counters': {
      help: 'reset all counters to zero',
      mutates: true,
      handle(_url, _req, res) {
        proxy.catchUp();
        proxy.stats.resetCounters();
        send(res, 200, TEXT, 'OK\n');
      },
    },
    '/runtime': {
      help: 'print runtime values',
      mutates: false,
      handle(_url, _req, res) {
        const keys = [...new Set(proxy.layers.flatMap((l) => [...l.values.keys()]))].sort();
        const entries: Record<string, { final_value: string; layer_values: string[] }> = {};
        for (const key of keys) {
          const layerValues = proxy.layers.map((l) => l.values.get(key) ?? '');
          entries[key] = { final_value: proxy.runtimeValue(key) ?? '', layer_values: layerValues };
        }
        send(res, 200, JSON_TYPE, protoJson({ entries, layers: proxy.layers.map((l) => l.name) }));
      },
    },
    '/runtime_modify': {
      help: 'Adds or modifies runtime values as passed in query parameters. To delete a previously added key, use an empty string as the value. Note that deletion only applies to overrides added via this endpoint; values loaded from disk can be modified via override but not deleted. E.g. ?key1=value1&key2=value2...',
      mutates: true,
      handle(url, req, res, body) {
        let params = [...url.searchParams.entries()];
        if (params.length === 0 && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) params = [...new URLSearchParams(body).entries()];
        if (params.length === 0) {
          send(res, 400, TEXT, 'usage: /runtime_modify?key1=value1&key2=value2&keyN=valueN\n       or send the parameters as form values\nuse an empty value to remove a previously added override');
          return;
        }
        // Envoy keeps the first value of a repeated key.
        const first = new Map<string, string>();
        for (const [key, value] of params) if (!first.has(key)) first.set(key, value);
        try {
          proxy.modifyRuntime([...first.entries()]);
        } catch (error) {
          if (error instanceof RuntimeModifyError) {
            send(res, 503, TEXT, error.message);
            return;
          }
          throw error;
        }
        send(res, 200, TEXT, 'OK\n');
      },
    },
    '/stats/prometheus': {
      help: 'print server stats in prometheus format',
      mutates: false,
      handle(url, _req, res) {
        let filter: RegExp | undefined;
        const pattern = url.searchParams.get('filter');
        if (pattern) {
          try {
            filter = new RegExp(pattern);
          } catch {
            send(res, 400, TEXT, `Invalid re2 regex`);
            return;
          }
        }
        proxy.catchUp();
        const usedOnly = url.searchParams.has('usedonly');
        send(res, 200, TEXT, renderPrometheus(proxy.stats.all(), { usedOnly, filter }));
      },
    },
  };

  const help = () =>
    'admin commands are:\n' +
    Object.entries(handlers)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, h]) => `  ${path}${h.mutates ? ' (POST)' : ''}: ${h.help}\n`)
      .join('');

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 64 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        const url = new URL(req.url ?? '/', 'http://envoy-admin');
        const handler = handlers[url.pathname];
        if (!handler) {
          send(res, 404, TEXT, `invalid path. ${help()}`);
          return;
        }
        if (handler.mutates && req.method !== 'POST') {
          send(res, 405, TEXT, `Method ${req.method ?? 'GET'} not allowed, POST required.`);
          return;
        }
        handler.handle(url, req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        console.error('[envoy-admin] request failed', error);
        if (!res.headersSent) send(res, 500, TEXT, 'internal error\n');
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${address}:${port}`,
    endpoint: `${address}:${port}`,
    port,
    proxy,
    close() {
      closing ??= new Promise<void>((resolve) => {
        proxy.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function clusterStatusJson(c: ReturnType<EdgeProxy['clusters']>[number]): unknown {
  // envoy.admin.v3.ClusterStatus in proto3 JSON: fields in field-number order, zero values and
  // empty lists left out, uint64 as strings, enum defaults (COUNTER, DEFAULT) omitted.
  const stat = (name: string, value: number, gauge = false) => ({ ...(gauge ? { type: 'GAUGE' } : {}), ...(value ? { value: String(value) } : {}), name });
  const status: Record<string, unknown> = { name: c.name };
  if (c.host) {
    status.host_statuses = [
      {
        address: { socket_address: { address: c.host.address, port_value: c.host.port } },
        stats: [
          stat('cx_connect_fail', 0),
          stat('cx_total', c.host.cxTotal),
          stat('rq_error', c.host.rqError),
          stat('rq_success', c.host.rqSuccess),
          stat('rq_timeout', 0),
          stat('rq_total', c.host.rqTotal),
          stat('cx_active', 0, true),
          stat('rq_active', 0, true),
        ],
        health_status: { eds_health_status: 'HEALTHY' },
        weight: 1,
        hostname: c.host.hostname,
        locality: {},
      },
    ];
  }
  status.circuit_breakers = {
    thresholds: [
      { max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 },
      { priority: 'HIGH', max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 },
    ],
  };
  status.observability_name = c.name;
  return status;
}

/** Protobuf's pretty JSON as Envoy prints it: one-space indentation. */
function protoJson(value: unknown): string {
  return JSON.stringify(value, null, 1);
}
