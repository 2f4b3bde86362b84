import { describe, expect, it } from 'vitest';
import { ApiError } from './api-errors';
import { ManualClock } from './clock';
import type { KubeObject } from './kube-types';
import { createRandom } from './random';
import { ClusterStore, type StoreChange } from './store';

function newStore(historyLimit = 5000) {
  return new ClusterStore({ cluster: 'stage', clock: new ManualClock(), random: createRandom(1), historyLimit });
}

function ns(name: string): KubeObject {
  return { metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
}

describe('ClusterStore', () => {
  it('stamps identity and one increasing resourceVersion across resources', () => {
    const store = newStore();
    const a = store.create('namespaces', ns('a'));
    const p = store.create<KubeObject>('pods', { metadata: { name: 'p', namespace: 'a' }, spec: {}, status: {} });
    expect(a.kind).toBe('Namespace');
    expect(a.apiVersion).toBe('v1');
    expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.metadata.creationTimestamp).toBe('2026-11-12T09:00:00Z');
    expect(Number(p.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(store.resourceVersion).toBe(Number(p.metadata.resourceVersion));
  });

  it('leaves the version alone on a no-op update and bumps generation only when spec changes', () => {
    const store = newStore();
    const d = store.create<KubeObject>('deployments', { metadata: { name: 'd', namespace: 'a' }, spec: { replicas: 1 }, status: {} });
    expect(d.metadata.generation).toBe(1);
    const same = store.update('deployments', structuredClone(d));
    expect(same.metadata.resourceVersion).toBe(d.metadata.resourceVersion);
    const statusOnly = store.mutate('deployments', 'a', 'd', (o) => {
      o.status = { replicas: 1 };
    })!;
    expect(statusOnly.metadata.generation).toBe(1);
    expect(Number(statusOnly.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    const scaled = store.mutate('deployments', 'a', 'd', (o) => {
      (o.spec as { replicas: number }).replicas = 3;
    })!;
    expect(scaled.metadata.generation).toBe(2);
  });

  it('delivers changes in version order even when a listener writes while being notified', () => {
    const store = newStore();
    const seen: number[] = [];
    store.subscribe((change) => {
      if (change.resource === 'namespaces' && change.object.metadata.name === 'a') store.create('namespaces', ns('b'));
    });
    store.subscribe((change) => seen.push(change.resourceVersion));
    store.create('namespaces', ns('a'));
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen).toHaveLength(2);
  });

  it('replays changes since a version and expires versions that left the history', () => {
    const store = newStore(3);
    const start = store.resourceVersion;
    store.create('namespaces', ns('a'));
    const after = store.changesSince(start);
    expect(after.map((c: StoreChange) => c.type)).toEqual(['ADDED']);
    for (const name of ['b', 'c', 'd', 'e']) store.create('namespaces', ns(name));
    expect(() => store.changesSince(start)).toThrowError(ApiError);
    try {
      store.changesSince(start);
    } catch (error) {
      expect((error as ApiError).code).toBe(410);
      expect((error as ApiError).reason).toBe('Expired');
      expect((error as ApiError).message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    }
    expect(store.changesSince(store.resourceVersion - 2)).toHaveLength(2);
  });

  it('rebuilds a list as of an older version from the history', () => {
    const store = newStore();
    store.create('namespaces', ns('a'));
    const v1 = store.resourceVersion;
    store.create('namespaces', ns('b'));
    store.delete('namespaces', undefined, 'a');
    expect(store.list('namespaces').map((o) => o.metadata.name)).toEqual(['b']);
    expect(store.listAt('namespaces', v1).map((o) => o.metadata.name)).toEqual(['a']);
  });
});
