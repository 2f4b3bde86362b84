// Discovery documents (/version, /api, /apis, per group-version resource lists) in the legacy
// (non-aggregated) form; kubectl falls back to it when the response is plain application/json.
import { apiVersionOf, RESOURCE_NAMES, RESOURCES, type ResourceDefinition } from './resources';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-gke.1415000',
  gitCommit: 'b7c1f4b7c6d4a2ba0d3e9d2f3f1b1e5a0c3d2e1f',
  gitTreeState: 'clean',
  buildDate: '2025-05-06T04:09:21Z',
  goVersion: 'go1.23.6 X:boringcrypto',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const GROUPS = [
  { name: 'apps', version: 'v1' },
  { name: 'policy', version: 'v1' },
];

export function apiVersions(): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.2:443' }] };
}

function group(name: string, version: string): object {
  const groupVersion = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [groupVersion], preferredVersion: groupVersion };
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map((g) => group(g.name, g.version)) };
}

export function apiGroup(name: string): object | undefined {
  const found = GROUPS.find((g) => g.name === name);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...group(found.name, found.version) } : undefined;
}

function resourceEntries(definition: ResourceDefinition): object[] {
  const main: Record<string, unknown> = {
    name: definition.name,
    singularName: definition.singularName,
    namespaced: definition.namespaced,
    kind: definition.kind,
    verbs: definition.verbs,
  };
  if (definition.shortNames) main.shortNames = definition.shortNames;
  if (definition.categories) main.categories = definition.categories;
  main.storageVersionHash = definition.storageVersionHash;
  const entries: object[] = [main];
  if (definition.name === 'pods') entries.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  return entries;
}

/** APIResourceList for `v1` or `apps/v1` / `policy/v1`; undefined if this server has no such group version. */
export function apiResourceList(group: string, version: string): object | undefined {
  const definitions = RESOURCE_NAMES.map((n) => RESOURCES[n]).filter((d) => d.group === group && d.version === version);
  if (definitions.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion: apiVersionOf(definitions[0]),
    resources: definitions.flatMap(resourceEntries),
  };
}

/** GET / : the paths the server serves. */
export function rootPaths(): object {
  return {
    paths: ['/api', '/api/v1', '/apis', '/apis/', ...GROUPS.flatMap((g) => [`/apis/${g.name}`, `/apis/${g.name}/${g.version}`]), '/healthz', '/livez', '/readyz', '/version'],
  };
}
