import { describe, expect, it } from 'vitest';
import { behaviourFor, type ContainerFacts, imageName } from './app-profiles';
import { resolveContainerId } from './pod-logs';
import { app, manualCluster, restartsOf } from './test-helpers';

const REGISTRY = 'us-central1-docker.pkg.dev/meridian-shared/apps';

function facts(partial: Partial<ContainerFacts> & Pick<ContainerFacts, 'app' | 'image'>): ContainerFacts {
  return { component: 'web', container: 'web', env: {}, secretEnvNames: [], port: 8080, ...partial };
}

describe('app profiles follow the software', () => {
  it('names the software by its image repository, without registry, tag or digest', () => {
    expect(imageName(`${REGISTRY}/intake-forms:v2.3.1`)).toBe('intake-forms');
    expect(imageName(`${REGISTRY}/intake-forms@sha256:${'a'.repeat(64)}`)).toBe('intake-forms');
    expect(imageName(`${REGISTRY}/intake-forms:v2.3.1@sha256:${'a'.repeat(64)}`)).toBe('intake-forms');
    expect(imageName('localhost:5000/billing-sync')).toBe('billing-sync');
    expect(imageName('care-admin')).toBe('care-admin');
  });

  it('picks the image’s profile over the app name, then the app name’s, then the generic one', () => {
    expect(behaviourFor(facts({ app: 'intake-forms-copy', image: `${REGISTRY}/intake-forms:v2.3.1` })).profile).toBe('node-web');
    expect(behaviourFor(facts({ app: 'billing-sync', image: `${REGISTRY}/care-admin:5.2.0` })).profile).toBe('django-gunicorn');
    expect(behaviourFor(facts({ app: 'care-admin', image: `${REGISTRY}/admin-tool:1.0.0` })).profile).toBe('django-gunicorn');
    expect(behaviourFor(facts({ app: 'something-new', image: `${REGISTRY}/something-new:1.0.0` })).profile).toBe('generic-web');
    expect(behaviourFor(facts({ app: 'constructor', image: `${REGISTRY}/__proto__:1` })).profile).toBe('generic-web');
  });

  it('crash-loops a copy of intake-forms under another name, as the image would, until FHIR_BASE_URL is set', () => {
    const c = manualCluster('copy');
    const image = `${REGISTRY}/intake-forms:v2.3.1`;
    const copy = app('intake-forms-7k2m', [{ name: 'web', replicas: 1, port: 8080, readinessPath: '/healthz', image, env: { NODE_ENV: 'production' } }]);
    c.simulator.applyDesiredState([copy]);
    expect(c.clock.advanceUntil(() => c.pods('intake-forms-7k2m').some((p) => restartsOf(p) >= 2), { maxMs: 5 * 60_000, stepMs: 1000 })).toBe(true);
    const [pod] = c.pods('intake-forms-7k2m');
    expect(pod.status.containerStatuses![0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const previous = c.logs.get(resolveContainerId(pod, 'web', true))!;
    expect(previous.lines.map((l) => l.text)).toContain('Error: FHIR_BASE_URL is not set');

    const fixed = manualCluster('copy');
    fixed.simulator.applyDesiredState([{ ...copy, deployments: [{ ...copy.deployments[0], env: { NODE_ENV: 'production', FHIR_BASE_URL: 'https://fhir.example/r4' } }] }]);
    fixed.clock.advance(5 * 60_000);
    expect(fixed.pods('intake-forms-7k2m').map(restartsOf)).toEqual([0]);
  });
});
