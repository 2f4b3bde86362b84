// The resources this sandbox serves, with the discovery facts the real API server publishes for
// them (kind, scope, short names, categories), so kubectl resolves `po`, `deploy`, `rs`, `pdb`…

export type ResourceName = 'namespaces' | 'pods' | 'events' | 'deployments' | 'replicasets' | 'poddisruptionbudgets';

export interface ResourceDefinition {
  name: ResourceName;
  singularName: string;
  kind: string;
  listKind: string;
  group: '' | 'apps' | 'policy';
  version: 'v1';
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash: string;
  /** metadata.generation is maintained (bumped when spec changes). */
  hasGeneration: boolean;
}

const READ = ['get', 'list', 'watch'];

export const RESOURCES: Record<ResourceName, ResourceDefinition> = {
  namespaces: {
    name: 'namespaces', singularName: 'namespace', kind: 'Namespace', listKind: 'NamespaceList', group: '', version: 'v1',
    namespaced: false, verbs: READ, shortNames: ['ns'], storageVersionHash: 'Q3oi5N2YM8M=', hasGeneration: false,
  },
  pods: {
    name: 'pods', singularName: 'pod', kind: 'Pod', listKind: 'PodList', group: '', version: 'v1',
    namespaced: true, verbs: ['delete', 'get', 'list', 'watch'], shortNames: ['po'], categories: ['all'],
    storageVersionHash: 'xPOwRZ+Yhw8=', hasGeneration: false,
  },
  events: {
    name: 'events', singularName: 'event', kind: 'Event', listKind: 'EventList', group: '', version: 'v1',
    namespaced: true, verbs: READ, shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=', hasGeneration: false,
  },
  deployments: {
    name: 'deployments', singularName: 'deployment', kind: 'Deployment', listKind: 'DeploymentList', group: 'apps', version: 'v1',
    namespaced: true, verbs: READ, shortNames: ['deploy'], categories: ['all'], storageVersionHash: '8aSe+NMegvE=', hasGeneration: true,
  },
  replicasets: {
    name: 'replicasets', singularName: 'replicaset', kind: 'ReplicaSet', listKind: 'ReplicaSetList', group: 'apps', version: 'v1',
    namespaced: true, verbs: READ, shortNames: ['rs'], categories: ['all'], storageVersionHash: 'P1RzHs8/mWQ=', hasGeneration: true,
  },
  poddisruptionbudgets: {
    name: 'poddisruptionbudgets', singularName: 'poddisruptionbudget', kind: 'PodDisruptionBudget', listKind: 'PodDisruptionBudgetList',
    group: 'policy', version: 'v1', namespaced: true, verbs: READ, shortNames: ['pdb'], storageVersionHash: 'EVWiDmWqyJw=', hasGeneration: true,
  },
};

export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

export function apiVersionOf(definition: ResourceDefinition): string {
  return definition.group ? `${definition.group}/${definition.version}` : definition.version;
}

/** The resource as error messages name it: `pods`, `deployments.apps`, `poddisruptionbudgets.policy`. */
export function qualifiedResource(definition: ResourceDefinition): string {
  return definition.group ? `${definition.name}.${definition.group}` : definition.name;
}

export function findResource(group: string, version: string, name: string): ResourceDefinition | undefined {
  const definition = (RESOURCES as Record<string, ResourceDefinition | undefined>)[name];
  if (!definition || definition.group !== group || definition.version !== version) return undefined;
  return definition;
}
