// Parity with Aptible, key by key: each Aptible config key is in `env` (the app's or one
// deployment's), a Secret Manager reference in `secretEnv`, dropped on purpose (with the reason
// migration.yaml records), or missing; each Aptible service next to the deployment that replaced
// it (container count ↔ replicas, container size ↔ memory limit, command ↔ command/args); each
// endpoint next to the virtualService hosts. Works on names and shapes: the values it reads are
// the chart values (merged per environment), never Aptible's. Isomorphic.
import { memoryInMegabytes } from '@/lib/values/format-quantity';
import type { AptibleEndpoint, AptibleService } from './aptible-paste';

/** What is known of the app on Aptible: a fresh paste, or what migration.yaml recorded. */
export interface AptibleFacts {
  configKeys: readonly string[];
  services: readonly AptibleService[];
  endpoints: readonly AptibleEndpoint[];
}

export interface ParityMapping {
  /** Keys left behind on purpose → why. */
  dropped?: Readonly<Record<string, string>>;
  /** Aptible service → the deployment that replaced it (default: the same name, or the only one). */
  deployments?: Readonly<Record<string, string | undefined>>;
  /** Aptible endpoint hostname → the virtualService host that answers for it now. */
  hosts?: Readonly<Record<string, string | undefined>>;
}

export interface EnvironmentValues {
  environment: string;
  /** The app's merged values in that environment (chart defaults, values.yaml, values-<env>.yaml). */
  values: unknown;
}

export type KeyPlacement =
  | { status: 'env'; where: string }
  | { status: 'secret-env'; secret: string }
  | { status: 'missing' };

export interface ConfigKeyParity {
  key: string;
  /** dropped (on purpose) > missing (in any environment) > secret-env (everywhere) > env. */
  status: 'env' | 'secret-env' | 'dropped' | 'missing';
  droppedReason?: string;
  byEnvironment: Record<string, KeyPlacement>;
}

export interface ServiceComparison {
  deployment: string;
  replicas: number;
  /** True when the HorizontalPodAutoscaler owns the count (replicas is then its minimum). */
  autoscaled: boolean;
  memoryLimitMb: number | null;
  /** command + args as one line; null: the image's own. */
  command: string | null;
  containerCount: 'same' | 'fewer' | 'more';
  containerSize: 'same' | 'smaller' | 'larger' | 'unknown';
  commandMatch: 'same' | 'differs';
}

export interface ServiceParity {
  service: string;
  aptible: AptibleService;
  /** The deployment it maps to; null when none fits. */
  deployment: string | null;
  byEnvironment: Record<string, ServiceComparison | { missing: true }>;
}

export interface EndpointParity {
  hostname: string;
  type: AptibleEndpoint['type'];
  internal: boolean;
  /** The host a virtualService should answer (the mapping, the Managed TLS domain, or the hostname). */
  expectedHost: string;
  /** 'routed': a virtualService host; 'in-cluster': an internal endpoint, now a cluster Service; 'missing'. */
  byEnvironment: Record<string, 'routed' | 'in-cluster' | 'missing'>;
}

export interface ParityReport {
  keys: ConfigKeyParity[];
  services: ServiceParity[];
  /** Deployments no Aptible service maps to (new in GKE, or a mapping to record). */
  unmappedDeployments: string[];
  endpoints: EndpointParity[];
  summary: { keys: Record<ConfigKeyParity['status'], number>; servicesMissing: number; endpointsMissing: number; complete: boolean };
}

type Values = {
  env?: Record<string, unknown> | null;
  secretEnv?: Record<string, { secret?: unknown } | null> | null;
  deployments?: Record<string, { replicas?: unknown; port?: unknown; command?: unknown; args?: unknown; env?: Record<string, unknown> | null; resources?: { limits?: { memory?: unknown } } } | null> | null;
  autoscaling?: { enabled?: unknown; minReplicas?: unknown } | null;
  virtualService?: { enabled?: unknown; hosts?: unknown } | null;
  service?: { enabled?: unknown } | null;
};

/** The chart's memory limit when a deployment sets none (chart/values.yaml, render-desired-app.ts). */
const CHART_DEFAULT_MEMORY_LIMIT = '512Mi';

function asValues(values: unknown): Values {
  return values !== null && typeof values === 'object' ? (values as Values) : {};
}

function placeKey(key: string, values: Values): KeyPlacement {
  const secret = values.secretEnv?.[key];
  if (secret && typeof secret.secret === 'string') return { status: 'secret-env', secret: secret.secret };
  if (values.env && key in values.env && values.env[key] !== null) return { status: 'env', where: 'env' };
  for (const [name, deployment] of Object.entries(values.deployments ?? {})) {
    if (deployment?.env && key in deployment.env && deployment.env[key] !== null) return { status: 'env', where: `deployments.${name}.env` };
  }
  return { status: 'missing' };
}

function commandLine(deployment: { command?: unknown; args?: unknown }): string | null {
  const words = [...(Array.isArray(deployment.command) ? deployment.command : []), ...(Array.isArray(deployment.args) ? deployment.args : [])].map(String);
  return words.length ? words.join(' ') : null;
}

/** Aptible's command as words, for comparing with command + args ("CMD" is the image's own). */
function sameCommand(aptible: string, gke: string | null): boolean {
  if (aptible.trim() === 'CMD') return gke === null;
  const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').replace(/^exec /, '');
  return gke !== null && normalize(aptible) === normalize(gke);
}

export function computeParity(facts: AptibleFacts, mapping: ParityMapping, environments: readonly EnvironmentValues[], options: { endpointEnvironment?: string } = {}): ParityReport {
  const envs = environments.map((e) => ({ name: e.environment, values: asValues(e.values) }));

  const keys: ConfigKeyParity[] = [...new Set(facts.configKeys)].sort().map((key) => {
    const byEnvironment = Object.fromEntries(envs.map((e) => [e.name, placeKey(key, e.values)]));
    const placements = Object.values(byEnvironment);
    const reason = mapping.dropped?.[key];
    const status: ConfigKeyParity['status'] = reason
      ? 'dropped'
      : placements.some((p) => p.status === 'missing')
        ? 'missing'
        : placements.length > 0 && placements.every((p) => p.status === 'secret-env')
          ? 'secret-env'
          : 'env';
    return { key, status, ...(reason ? { droppedReason: reason } : {}), byEnvironment };
  });

  const allDeployments = new Set(envs.flatMap((e) => Object.keys(e.values.deployments ?? {})));
  const mapped = new Set<string>();
  const services: ServiceParity[] = facts.services.map((service) => {
    const explicit = mapping.deployments?.[service.name];
    const deployment = explicit ?? (allDeployments.has(service.name) ? service.name : facts.services.length === 1 && allDeployments.size === 1 ? [...allDeployments][0] : null);
    if (deployment) mapped.add(deployment);
    const byEnvironment: ServiceParity['byEnvironment'] = {};
    for (const e of envs) {
      const d = deployment ? e.values.deployments?.[deployment] : undefined;
      if (!deployment || !d) {
        byEnvironment[e.name] = { missing: true };
        continue;
      }
      const autoscaled = e.values.autoscaling?.enabled === true && typeof d.port === 'number';
      const replicas = autoscaled ? Number(e.values.autoscaling?.minReplicas ?? 2) : typeof d.replicas === 'number' ? d.replicas : 1;
      const memoryLimitMb = memoryInMegabytes(d.resources?.limits?.memory ?? CHART_DEFAULT_MEMORY_LIMIT) ?? null;
      const command = commandLine(d);
      byEnvironment[e.name] = {
        deployment,
        replicas,
        autoscaled,
        memoryLimitMb,
        command,
        containerCount: replicas === service.containerCount ? 'same' : replicas < service.containerCount ? 'fewer' : 'more',
        containerSize: memoryLimitMb === null ? 'unknown' : memoryLimitMb === service.containerSizeMb ? 'same' : memoryLimitMb < service.containerSizeMb ? 'smaller' : 'larger',
        commandMatch: sameCommand(service.command, command) ? 'same' : 'differs',
      };
    }
    return { service: service.name, aptible: service, deployment: deployment ?? null, byEnvironment };
  });

  const endpointEnv = options.endpointEnvironment ?? 'production';
  const endpointEnvs = envs.filter((e) => e.name === endpointEnv);
  const endpoints: EndpointParity[] = facts.endpoints.map((endpoint) => {
    const expectedHost = mapping.hosts?.[endpoint.hostname] ?? endpoint.managedTlsDomain ?? endpoint.hostname;
    const byEnvironment: EndpointParity['byEnvironment'] = {};
    for (const e of endpointEnvs.length ? endpointEnvs : envs) {
      if (endpoint.internal) {
        // An internal endpoint became the deployment's in-cluster Service (a port, Service enabled).
        const target = endpoint.service ? (mapping.deployments?.[endpoint.service] ?? endpoint.service) : undefined;
        const d = target ? e.values.deployments?.[target] : undefined;
        byEnvironment[e.name] = d && typeof d.port === 'number' && e.values.service?.enabled !== false ? 'in-cluster' : 'missing';
        continue;
      }
      const vs = e.values.virtualService;
      const hosts = vs?.enabled === true && Array.isArray(vs.hosts) ? vs.hosts.map(String) : [];
      byEnvironment[e.name] = hosts.includes(expectedHost) ? 'routed' : 'missing';
    }
    return { hostname: endpoint.hostname, type: endpoint.type, internal: endpoint.internal, expectedHost, byEnvironment };
  });

  const count = (status: ConfigKeyParity['status']) => keys.filter((k) => k.status === status).length;
  const servicesMissing = services.filter((s) => Object.values(s.byEnvironment).some((c) => 'missing' in c)).length;
  const endpointsMissing = endpoints.filter((e) => Object.values(e.byEnvironment).includes('missing')).length;
  const summary = {
    keys: { env: count('env'), 'secret-env': count('secret-env'), dropped: count('dropped'), missing: count('missing') },
    servicesMissing,
    endpointsMissing,
    complete: count('missing') === 0 && servicesMissing === 0 && endpointsMissing === 0,
  };
  return { keys, services, unmappedDeployments: [...allDeployments].filter((d) => !mapped.has(d)).sort(), endpoints, summary };
}

/** The facts and mapping migration.yaml recorded, in computeParity's terms. */
export function parityFromMigrationFile(parity: {
  configKeys: string[];
  dropped: Record<string, string>;
  services: Record<string, { deployment?: string; containerCount?: number; containerSizeMb?: number; command?: string }>;
  endpoints: { hostname: string; type?: AptibleEndpoint['type']; service?: string; internal?: boolean; host?: string }[];
}): { facts: AptibleFacts; mapping: ParityMapping } {
  return {
    facts: {
      configKeys: parity.configKeys,
      services: Object.entries(parity.services).map(([name, s]) => ({ name, command: s.command ?? 'CMD', containerCount: s.containerCount ?? 1, containerSizeMb: s.containerSizeMb ?? 0 })),
      endpoints: parity.endpoints.map((e) => ({ hostname: e.hostname, type: e.type ?? 'https', internal: e.internal ?? false, ...(e.service ? { service: e.service } : {}) })),
    },
    mapping: {
      dropped: parity.dropped,
      deployments: Object.fromEntries(Object.entries(parity.services).map(([name, s]) => [name, s.deployment])),
      hosts: Object.fromEntries(parity.endpoints.map((e) => [e.hostname, e.host])),
    },
  };
}
