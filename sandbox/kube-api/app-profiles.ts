// How each sample app behaves inside its container: what it logs and in which voice, how long it
// takes to warm up, and how a run ends. Behaviour is derived from the container's own spec (env,
// limits, image) so that fixing the values in the config repository fixes the app. Which profile
// runs follows the software, i.e. the image's repository, as a real container's behaviour does: the
// same image deployed under another app name (a copy, a rename) behaves the same.
import type { LogStream } from './log-store';
import { MiB, parseQuantity } from './quantity';
import type { Random } from './random';

export interface EmittedLine {
  stream: LogStream;
  text: string;
}

/** What a behaviour can know about the container it runs in (read from the pod spec). */
export interface ContainerFacts {
  app: string;
  component: string;
  container: string;
  image: string;
  env: Record<string, string>;
  secretEnvNames: string[];
  memoryLimitBytes?: number;
  port?: number;
  readinessPath?: string;
}

export interface LineContext {
  random: Random;
  /** Time the line is written (epoch ms). */
  now: number;
  cluster: string;
  namespace: string;
  pod: string;
  podIP: string;
  restartCount: number;
}

export interface RunEnding {
  /** Cluster time after the start at which the process ends. */
  afterMs: number;
  exitCode: number;
  reason: 'Error' | 'OOMKilled' | 'Completed';
  /** Written just before the end (a stack trace, say). */
  lines: EmittedLine[];
}

export interface ContainerBehaviour {
  profile: string;
  /** Process name the kernel reports when it OOM-kills this container. */
  processName: string;
  startup(ctx: LineContext): EmittedLine[];
  /** Cluster time from start until the process serves (readiness can pass). */
  warmupMs: number;
  /** One unit of steady-state activity. */
  activity(ctx: LineContext): EmittedLine[];
  /** Cluster time between two activity units. */
  activityIntervalMs: [number, number];
  /** The access-log line a readiness probe leaves, if the app logs probes. */
  probeLine?(ctx: LineContext): EmittedLine;
  /** How this run ends on its own, if it does. Called once per container start. */
  ending(ctx: LineContext): RunEnding | undefined;
  /** Lines written on SIGTERM. */
  shutdown(ctx: LineContext): EmittedLine[];
}

export interface AppProfile {
  description: string;
  behaviour(facts: ContainerFacts): ContainerBehaviour;
}

// ---- small helpers -----------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Common Log Format date: 12/Nov/2026:09:00:01 +0000 */
function clfDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** 2026-11-12 09:00:01 */
function spaceDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

function out(text: string): EmittedLine {
  return { stream: 'stdout', text };
}

function err(text: string): EmittedLine {
  return { stream: 'stderr', text };
}

function json(record: Record<string, unknown>): EmittedLine {
  return out(JSON.stringify(record));
}

export function imageTag(image: string): string {
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'latest';
  return image.slice(colon + 1).split('@')[0];
}

function missingEnv(facts: ContainerFacts, names: string[]): string[] {
  return names.filter((name) => !(name in facts.env) && !facts.secretEnvNames.includes(name));
}

function clientIp(random: Random): string {
  return `10.${random.pick([64, 65, 66])}.${random.int(0, 3)}.${random.int(2, 254)}`;
}

interface Route {
  method: string;
  path: (random: Random) => string;
  status: number[];
  bytes: [number, number];
  ms: [number, number];
}

function route(method: string, path: string | ((random: Random) => string), status: number[], bytes: [number, number], ms: [number, number]): Route {
  return { method, path: typeof path === 'string' ? () => path : path, status, bytes, ms };
}

const BROWSER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MeridianCare/4.12.0',
];

function combinedLine(ctx: LineContext, r: Route, prefix = ''): EmittedLine {
  const status = ctx.random.pick(r.status);
  const bytes = ctx.random.int(r.bytes[0], r.bytes[1]);
  return out(`${prefix}${clientIp(ctx.random)} - - [${clfDate(ctx.now)}] "${r.method} ${r.path(ctx.random)} HTTP/1.1" ${status} ${bytes} "-" "${ctx.random.pick(BROWSER_AGENTS)}"`);
}

function probeCombined(facts: ContainerFacts, prefix = ''): (ctx: LineContext) => EmittedLine {
  return (ctx) => out(`${prefix}${ctx.podIP.replace(/\.\d+$/, '.1')} - - [${clfDate(ctx.now)}] "GET ${facts.readinessPath ?? '/healthz'} HTTP/1.1" 200 2 "-" "kube-probe/1.32"`);
}

function id(random: Random): string {
  return random.hex(8);
}

// ---- voices ------------------------------------------------------------------------------------

/** Node.js + Express, morgan "combined" access logs on stdout, crashes with a stack on stderr. */
function nodeWeb(facts: ContainerFacts, routes: Route[], options: { requiredEnv?: string[] } = {}): ContainerBehaviour {
  const version = imageTag(facts.image);
  const missing = missingEnv(facts, options.requiredEnv ?? []);
  const port = facts.port ?? 8080;
  return {
    profile: 'node-web',
    processName: 'node',
    warmupMs: 2500,
    startup: () => [
      out(''),
      out(`> ${facts.app}@${version.replace(/^v/, '')} start`),
      out('> node dist/server.js'),
      out(''),
      out(`${facts.app} ${version} starting (node v20.18.1, NODE_ENV=production)`),
      ...(missing.length ? [] : [out(`${facts.app} listening on port ${port}`)]),
    ],
    activity: (ctx) => [combinedLine(ctx, ctx.random.pick(routes))],
    activityIntervalMs: [800, 4000],
    probeLine: facts.readinessPath ? probeCombined(facts) : undefined,
    ending: () => {
      if (!missing.length) return undefined;
      const name = missing[0];
      return {
        afterMs: 1200,
        exitCode: 1,
        reason: 'Error',
        lines: [
          err('/app/dist/config.js:27'),
          err(`    throw new Error('${name} is not set');`),
          err('    ^'),
          err(''),
          err(`Error: ${name} is not set`),
          err('    at requireEnv (/app/dist/config.js:27:11)'),
          err('    at loadConfig (/app/dist/config.js:41:22)'),
          err('    at Object.<anonymous> (/app/dist/server.js:9:18)'),
          err('    at Module._compile (node:internal/modules/cjs/loader:1546:14)'),
          err('    at Object..js (node:internal/modules/cjs/loader:1689:10)'),
          err('    at Module.load (node:internal/modules/cjs/loader:1318:32)'),
          err('    at Function._load (node:internal/modules/cjs/loader:1128:12)'),
          err('    at TracingChannel.traceSync (node:diagnostics_channel:315:14)'),
          err('    at wrapModuleLoad (node:internal/modules/cjs/loader:218:24)'),
          err('    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:170:5)'),
          err(''),
          err('Node.js v20.18.1'),
        ],
      };
    },
    shutdown: () => [out('SIGTERM received: closing HTTP server'), out('HTTP server closed')],
  };
}

/** A Go API writing Cloud Logging–style JSON (severity, httpRequest) on stdout. */
function goJsonApi(facts: ContainerFacts, routes: Route[]): ContainerBehaviour {
  const version = imageTag(facts.image);
  return {
    profile: 'go-json-api',
    processName: 'server',
    warmupMs: 1500,
    startup: (ctx) => [
      json({ severity: 'INFO', time: isoDate(ctx.now), message: 'starting server', service: facts.app, version }),
      json({ severity: 'INFO', time: isoDate(ctx.now), message: 'connected to Cloud SQL', instance: `meridian-${ctx.cluster}:us-central1:${facts.app}`, poolSize: 10 }),
      json({ severity: 'INFO', time: isoDate(ctx.now), message: `listening on :${facts.port ?? 8080}` }),
    ],
    activity: (ctx) => {
      const r = ctx.random.pick(routes);
      const status = ctx.random.pick(r.status);
      const latency = ctx.random.between(r.ms[0], r.ms[1]) / 1000;
      const severity = status >= 500 ? 'ERROR' : status >= 400 ? 'WARNING' : 'INFO';
      const lines = [
        json({
          severity,
          time: isoDate(ctx.now),
          message: `${r.method} ${r.path(ctx.random)} ${status}`,
          httpRequest: { requestMethod: r.method, requestUrl: r.path(ctx.random), status, responseSize: String(ctx.random.int(r.bytes[0], r.bytes[1])), latency: `${latency.toFixed(6)}s`, remoteIp: clientIp(ctx.random) },
          'logging.googleapis.com/trace': `projects/meridian-care-${ctx.cluster}/traces/${ctx.random.hex(32)}`,
        }),
      ];
      if (status >= 500) lines.push(json({ severity: 'ERROR', time: isoDate(ctx.now), message: 'query failed: context deadline exceeded', query: 'SELECT * FROM appointments WHERE provider_id = $1 AND starts_at >= $2' }));
      return lines;
    },
    activityIntervalMs: [600, 3000],
    ending: () => undefined,
    shutdown: (ctx) => [json({ severity: 'INFO', time: isoDate(ctx.now), message: 'shutting down: draining connections', timeout: '25s' })],
  };
}

/** Rails-style request logs (Started/Completed) on stdout. */
function railsWeb(facts: ContainerFacts, routes: Route[]): ContainerBehaviour {
  const tagged = (ctx: LineContext, level: string, request: string, text: string) =>
    out(`${level[0]}, [${isoDate(ctx.now).replace('Z', '')}${pad(ctx.random.int(0, 999), 3)} #1] ${level.padStart(5)} -- : [${request}] ${text}`);
  return {
    profile: 'rails-web',
    processName: 'ruby',
    warmupMs: 8000,
    startup: (ctx) => [
      out('=> Booting Puma'),
      out(`=> Rails 7.2.2 application starting in production`),
      out('=> Run `bin/rails server --help` for more startup options'),
      out('Puma starting in single mode...'),
      out('* Puma version: 6.4.3 (ruby 3.3.5-p100) ("The Eagle of Durango")'),
      out('*  Min threads: 5'),
      out('*  Max threads: 5'),
      out('*  Environment: production'),
      out(`*          PID: 1`),
      out(`* Listening on http://0.0.0.0:${facts.port ?? 3000}`),
      out('Use Ctrl-C to stop'),
      tagged(ctx, 'INFO', id(ctx.random), 'Sentry initialized'),
    ],
    activity: (ctx) => {
      const r = ctx.random.pick(routes);
      const request = `${ctx.random.hex(8)}-${ctx.random.hex(4)}-${ctx.random.hex(4)}-${ctx.random.hex(4)}-${ctx.random.hex(12)}`;
      const path = r.path(ctx.random);
      const status = ctx.random.pick(r.status);
      const ms = ctx.random.int(r.ms[0], r.ms[1]);
      const text = status === 200 ? 'OK' : status === 302 ? 'Found' : status === 404 ? 'Not Found' : status === 422 ? 'Unprocessable Content' : 'Internal Server Error';
      return [
        tagged(ctx, 'INFO', request, `Started ${r.method} "${path}" for ${clientIp(ctx.random)} at ${spaceDate(ctx.now)} +0000`),
        tagged(ctx, 'INFO', request, `Completed ${status} ${text} in ${ms}ms (Views: ${Math.floor(ms * 0.4)}.${ctx.random.int(0, 9)}ms | ActiveRecord: ${Math.floor(ms * 0.3)}.${ctx.random.int(0, 9)}ms (${ctx.random.int(1, 9)} queries, 0 cached) | GC: ${ctx.random.int(0, 4)}.${ctx.random.int(0, 9)}ms)`),
      ];
    },
    activityIntervalMs: [1000, 5000],
    probeLine: facts.readinessPath ? (ctx) => tagged(ctx, 'INFO', id(ctx.random), `Started GET "${facts.readinessPath}" for ${ctx.podIP.replace(/\.\d+$/, '.1')} at ${spaceDate(ctx.now)} +0000`) : undefined,
    ending: () => undefined,
    shutdown: (ctx) => [out('- Gracefully stopping, waiting for requests to finish'), out(`=== puma shutdown: ${spaceDate(ctx.now)} +0000 ===`), out('- Goodbye!')],
  };
}

/** Sidekiq job logs on stdout. */
function sidekiqWorker(facts: ContainerFacts, jobs: string[]): ContainerBehaviour {
  const line = (ctx: LineContext, text: string) => out(`${isoDate(ctx.now)} pid=1 tid=${ctx.random.suffix(4)} ${text}`);
  return {
    profile: 'sidekiq-worker',
    processName: 'ruby',
    warmupMs: 5000,
    startup: (ctx) => [
      line(ctx, 'INFO: Booted Rails 7.2.2 application in production environment'),
      line(ctx, 'INFO: Running in ruby 3.3.5 (2024-09-03 revision ef084cc8f4) [x86_64-linux]'),
      line(ctx, `INFO: Sidekiq 7.3.2 connecting to Redis with options {:size=>10, :pool_name=>"internal", :url=>"redis://10.12.0.3:6379/0"}`),
      line(ctx, 'INFO: Starting processing, hit Ctrl-C to stop'),
    ],
    activity: (ctx) => {
      const job = ctx.random.pick(jobs);
      const jid = ctx.random.hex(24);
      const seconds = ctx.random.between(0.02, 2.5).toFixed(3);
      const lines = [line(ctx, `class=${job} jid=${jid} INFO: start`)];
      if (ctx.random.chance(0.04)) {
        lines.push(line(ctx, `class=${job} jid=${jid} elapsed=${seconds} INFO: fail`));
        lines.push(line(ctx, `WARN: {"context":"Job raised exception","job":{"class":"${job}","jid":"${jid}","retry_count":${ctx.random.int(0, 4)}}}`));
        lines.push(line(ctx, 'WARN: Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>'));
      } else {
        lines.push(line(ctx, `class=${job} jid=${jid} elapsed=${seconds} INFO: done`));
      }
      return lines;
    },
    activityIntervalMs: [1500, 6000],
    ending: () => undefined,
    shutdown: (ctx) => [line(ctx, 'INFO: Shutting down'), line(ctx, 'INFO: Terminating quiet threads for default capsule'), line(ctx, 'INFO: Bye!')],
  };
}

/** A Python batch worker writing JSON with "severity"; its heap peaks at `peakMiB`. */
function pythonJsonWorker(facts: ContainerFacts, options: { peakMiB: number; messages: ((ctx: LineContext) => string)[] }): ContainerBehaviour {
  const logger = facts.app.replace(/-/g, '_');
  const record = (ctx: LineContext, severity: string, message: string, extra: Record<string, unknown> = {}) =>
    json({ severity, message, logger: `${logger}.worker`, time: isoDate(ctx.now), ...extra });
  const limit = facts.memoryLimitBytes;
  const overLimit = limit !== undefined && limit < options.peakMiB * MiB;
  return {
    profile: 'python-json-worker',
    processName: 'python',
    warmupMs: 3000,
    startup: (ctx) => [
      record(ctx, 'INFO', `Starting ${facts.app} ${imageTag(facts.image)}`, { python: '3.12.7' }),
      record(ctx, 'INFO', 'Connected to Cloud SQL (PostgreSQL 15) via private IP', { pool_size: 5 }),
      record(ctx, 'INFO', 'Scheduler started: reconcile every 60s, clearinghouse poll every 300s'),
    ],
    activity: (ctx) => {
      if (ctx.random.chance(0.06)) return [record(ctx, 'WARNING', 'Clearinghouse responded 429 Too Many Requests; retrying in 2s', { attempt: ctx.random.int(1, 3) })];
      return [record(ctx, 'INFO', ctx.random.pick(options.messages)(ctx))];
    },
    activityIntervalMs: [2000, 8000],
    ending: (ctx) => {
      if (!overLimit) return undefined;
      return {
        afterMs: ctx.random.int(30_000, 90_000),
        exitCode: 137,
        reason: 'OOMKilled',
        lines: [record(ctx, 'INFO', `Loading remittance file ERA-${new Date(ctx.now).toISOString().slice(0, 10)}-${pad(ctx.random.int(1, 99), 4)}.835 into memory`, { claims: ctx.random.int(30_000, 60_000) })],
      };
    },
    shutdown: (ctx) => [record(ctx, 'INFO', 'Received SIGTERM; finishing current batch and exiting')],
  };
}

/** A Pub/Sub subscriber (it replaced a RabbitMQ consumer), JSON with severity. */
function pubsubConsumer(facts: ContainerFacts): ContainerBehaviour {
  const subscription = (ctx: LineContext) => `projects/meridian-care-${ctx.cluster}/subscriptions/${facts.app}`;
  const channels = ['sms', 'email', 'push'];
  return {
    profile: 'pubsub-consumer',
    processName: 'node',
    warmupMs: 2000,
    startup: (ctx) => [
      json({ severity: 'INFO', time: isoDate(ctx.now), message: `${facts.app} ${imageTag(facts.image)} starting` }),
      json({ severity: 'INFO', time: isoDate(ctx.now), message: 'subscribed', subscription: subscription(ctx), flowControl: { maxMessages: 100 } }),
    ],
    activity: (ctx) => {
      const channel = ctx.random.pick(channels);
      if (ctx.random.chance(0.05)) {
        return [json({ severity: 'WARNING', time: isoDate(ctx.now), message: `${channel} provider rejected message; nacked for redelivery`, messageId: String(ctx.random.int(10 ** 15, 10 ** 16)), deliveryAttempt: ctx.random.int(1, 5) })];
      }
      return [json({ severity: 'INFO', time: isoDate(ctx.now), message: `delivered ${channel} notification`, messageId: String(ctx.random.int(10 ** 15, 10 ** 16)), template: ctx.random.pick(['appointment-reminder', 'visit-summary-ready', 'intake-form-request', 'payment-receipt']), latencyMs: ctx.random.int(40, 900) })];
    },
    activityIntervalMs: [700, 3500],
    ending: () => undefined,
    shutdown: (ctx) => [json({ severity: 'INFO', time: isoDate(ctx.now), message: 'closing subscription; waiting for in-flight messages', inFlight: ctx.random.int(0, 12) })],
  };
}

/** Django behind gunicorn: access log on stdout, everything else on stderr as plain text. */
function djangoGunicorn(facts: ContainerFacts, routes: Route[]): ContainerBehaviour {
  const gunicorn = (ctx: LineContext, level: string, text: string, pid = 1) => err(`[${spaceDate(ctx.now)} +0000] [${pid}] [${level}] ${text}`);
  return {
    profile: 'django-gunicorn',
    processName: 'gunicorn',
    warmupMs: 4000,
    startup: (ctx) => [
      gunicorn(ctx, 'INFO', 'Starting gunicorn 22.0.0'),
      gunicorn(ctx, 'INFO', `Listening at: http://0.0.0.0:${facts.port ?? 8000} (1)`),
      gunicorn(ctx, 'INFO', 'Using worker: gthread'),
      gunicorn(ctx, 'INFO', 'Booting worker with pid: 7', 7),
      gunicorn(ctx, 'INFO', 'Booting worker with pid: 8', 8),
    ],
    activity: (ctx) => {
      const lines = [combinedLine(ctx, ctx.random.pick(routes))];
      if (ctx.random.chance(0.25)) lines.push(err(`INFO ${spaceDate(ctx.now)},${pad(ctx.random.int(0, 999), 3)} audit ${ctx.random.pick(['viewed patient chart', 'exported visit report', 'updated provider schedule', 'reset MFA for staff account'])} user=${ctx.random.pick(['jlee', 'mpatel', 'asantos', 'kbrown'])}@meridiancare.com`));
      if (ctx.random.chance(0.03)) lines.push(err(`WARNING ${spaceDate(ctx.now)},${pad(ctx.random.int(0, 999), 3)} log Not Found: /admin/favicon.ico`));
      return lines;
    },
    activityIntervalMs: [2000, 9000],
    probeLine: facts.readinessPath ? probeCombined(facts) : undefined,
    ending: () => undefined,
    shutdown: (ctx) => [gunicorn(ctx, 'INFO', 'Handling signal: term'), gunicorn(ctx, 'INFO', 'Worker exiting (pid: 7)', 7), gunicorn(ctx, 'INFO', 'Shutting down: Master')],
  };
}

/** Anything else: access logs if it has a port, plain INFO lines if it does not. */
function generic(facts: ContainerFacts): ContainerBehaviour {
  if (facts.port) {
    const routes = [route('GET', '/', [200], [512, 4096], [2, 40]), route('GET', '/api/v1/status', [200], [64, 256], [1, 10]), route('POST', '/api/v1/items', [201, 400], [128, 1024], [5, 80])];
    return {
      profile: 'generic-web',
      processName: 'app',
      warmupMs: 2000,
      startup: (ctx) => [out(`${spaceDate(ctx.now)} INFO starting ${facts.app} ${imageTag(facts.image)}`), out(`${spaceDate(ctx.now)} INFO listening on :${facts.port}`)],
      activity: (ctx) => [combinedLine(ctx, ctx.random.pick(routes))],
      activityIntervalMs: [1000, 5000],
      probeLine: facts.readinessPath ? probeCombined(facts) : undefined,
      ending: () => undefined,
      shutdown: (ctx) => [out(`${spaceDate(ctx.now)} INFO shutting down`)],
    };
  }
  return {
    profile: 'generic-worker',
    processName: 'app',
    warmupMs: 1000,
    startup: (ctx) => [out(`${spaceDate(ctx.now)} INFO starting ${facts.app} ${facts.component} ${imageTag(facts.image)}`)],
    activity: (ctx) => [out(`${spaceDate(ctx.now)} INFO processed job ${ctx.random.int(10_000, 99_999)} in ${ctx.random.int(5, 900)}ms`)],
    activityIntervalMs: [2000, 8000],
    ending: () => undefined,
    shutdown: (ctx) => [out(`${spaceDate(ctx.now)} INFO received SIGTERM, exiting`)],
  };
}

/** Envoy access logs of the Istio sidecar, with pilot-agent's start-up on stderr. */
export function istioProxyBehaviour(facts: ContainerFacts): ContainerBehaviour {
  return {
    profile: 'istio-proxy',
    processName: 'envoy',
    warmupMs: 1500,
    startup: (ctx) => [
      err(`${isoDate(ctx.now)}\tinfo\tFIPS mode disabled`),
      err(`${isoDate(ctx.now)}\tinfo\tVersion 1.22.3-asm.1-b1d9a6e2e7c0a1c5c7f1a2d7c8e0f6b4d3e2a1f0-Clean`),
      err(`${isoDate(ctx.now)}\tinfo\tProxy role\tips=[${ctx.podIP}] type=sidecar id=${ctx.pod}.${ctx.namespace} domain=${ctx.namespace}.svc.cluster.local`),
      err(`${isoDate(ctx.now)}\tinfo\tPilot SAN: [meshconfig.googleapis.com]`),
      err(`${isoDate(ctx.now)}\tinfo\tEnvoy proxy is ready`),
    ],
    activity: (ctx) =>
      [out(`[${isoDate(ctx.now)}] "GET /${facts.app} HTTP/1.1" 200 - via_upstream - "-" 0 ${ctx.random.int(100, 5000)} ${ctx.random.int(1, 80)} ${ctx.random.int(1, 79)} "${clientIp(ctx.random)}" "Mozilla/5.0" "${ctx.random.uuid()}" "${facts.app}.${ctx.namespace}.svc.cluster.local" "${ctx.podIP}:8080" inbound|8080|| 127.0.0.6:${ctx.random.int(30000, 60000)} ${ctx.podIP}:8080 ${clientIp(ctx.random)}:0 outbound_.8080_._.${facts.app}.${ctx.namespace}.svc.cluster.local default`)],
    activityIntervalMs: [3000, 15_000],
    ending: () => undefined,
    shutdown: (ctx) => [err(`${isoDate(ctx.now)}\tinfo\tAgent draining Proxy for termination`), err(`${isoDate(ctx.now)}\tinfo\tGraceful termination period is 5s, starting...`)],
  };
}

// ---- the sample company's apps -----------------------------------------------------------------

const uuidish = (random: Random) => `${random.hex(8)}-${random.hex(4)}`;

export const APP_PROFILES: Record<string, AppProfile> = {
  'intake-forms': {
    description: 'Patient intake forms (Node.js). Needs FHIR_BASE_URL; without it the process exits 1 at start-up.',
    behaviour: (facts) =>
      nodeWeb(
        facts,
        [
          route('GET', (r) => `/api/forms/${uuidish(r)}`, [200, 200, 200, 304, 404], [900, 6400], [8, 60]),
          route('POST', '/api/intake/submissions', [201, 201, 422], [200, 900], [40, 400]),
          route('GET', (r) => `/api/patients/${r.int(100000, 999999)}/consents`, [200], [300, 2000], [10, 90]),
          route('GET', '/static/js/main.8c1f2e7a.js', [200, 304], [182000, 182000], [1, 5]),
        ],
        { requiredEnv: ['FHIR_BASE_URL'] },
      ),
  },
  'billing-sync': {
    description: 'Nightly and hourly claims/billing reconciliation (Python). Peaks near 300 MiB: a memory limit of 256Mi or less gets it OOM-killed.',
    behaviour: (facts) =>
      pythonJsonWorker(facts, {
        peakMiB: 300,
        messages: [
          (ctx) => `Fetched ${ctx.random.int(20, 400)} claims from clearinghouse batch ${new Date(ctx.now).toISOString().slice(0, 13)}`,
          (ctx) => `Posted ${ctx.random.int(1, 60)} invoices to Stripe`,
          (ctx) => `Reconciled account MC-${ctx.random.int(100000, 999999)}: ${ctx.random.int(1, 9)} line items`,
          (ctx) => `Remittance advice matched ${ctx.random.int(80, 100)}% of payments`,
        ],
      }),
  },
  'patient-portal': {
    description: 'The patient web portal (Rails) and its background jobs (Sidekiq).',
    behaviour: (facts) =>
      facts.port
        ? railsWeb(facts, [
            route('GET', '/appointments', [200, 200, 302], [4000, 30000], [20, 300]),
            route('GET', (r) => `/visits/${r.int(10000, 99999)}/summary`, [200, 404], [3000, 18000], [30, 500]),
            route('POST', '/messages', [302, 422], [100, 400], [40, 600]),
            route('GET', '/billing/statements', [200, 500], [5000, 20000], [60, 1800]),
          ])
        : sidekiqWorker(facts, ['AppointmentReminderJob', 'VisitSummaryMailerJob', 'InsuranceEligibilityRefreshJob', 'SecureMessageNotificationJob']),
  },
  'scheduling-api': {
    description: 'Provider schedules and appointment booking (Go, JSON logs with httpRequest).',
    behaviour: (facts) =>
      goJsonApi(facts, [
        route('GET', (r) => `/v1/providers/${r.int(1000, 9999)}/availability?date=2026-11-${pad(r.int(12, 30))}`, [200, 200, 200, 404], [400, 6000], [4, 120]),
        route('POST', '/v1/appointments', [201, 201, 409, 500], [300, 900], [20, 900]),
        route('DELETE', (r) => `/v1/appointments/${r.int(100000, 999999)}`, [204, 404], [0, 0], [10, 80]),
      ]),
  },
  'notification-dispatcher': {
    description: 'Consumes appointment and visit events from Pub/Sub (formerly RabbitMQ) and sends SMS, email and push.',
    behaviour: pubsubConsumer,
  },
  'care-admin': {
    description: 'Internal admin tool behind IAP (Django + gunicorn; logs plain text on stderr).',
    behaviour: (facts) =>
      djangoGunicorn(facts, [
        route('GET', '/admin/', [200, 302], [3000, 12000], [20, 200]),
        route('GET', (r) => `/admin/patients/patient/${r.int(1000, 99999)}/change/`, [200], [9000, 40000], [40, 600]),
        route('POST', '/admin/scheduling/provider/', [302, 200], [200, 3000], [60, 900]),
      ]),
  },
};

/**
 * The software an image holds: the last segment of its repository, without tag or digest
 * (`us-central1-docker.pkg.dev/meridian-shared/apps/intake-forms:v2.3.1` → `intake-forms`).
 */
export function imageName(image: string): string {
  const name = image.slice(image.lastIndexOf('/') + 1).split('@')[0];
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

/** The behaviour of one container: its image's profile, else its app's, else the generic one. */
export function behaviourFor(facts: ContainerFacts): ContainerBehaviour {
  if (facts.container === 'istio-proxy') return istioProxyBehaviour(facts);
  const profile = profileNamed(imageName(facts.image)) ?? profileNamed(facts.app);
  return profile ? profile.behaviour(facts) : generic(facts);
}

function profileNamed(name: string): AppProfile | undefined {
  // Own keys only: an image or app called "constructor" is not Object's.
  return Object.hasOwn(APP_PROFILES, name) ? APP_PROFILES[name] : undefined;
}

export function memoryLimitOf(limits: { memory?: string } | undefined): number | undefined {
  return parseQuantity(limits?.memory);
}
