// The chart's rendering of merged values into the sandbox cluster's desired state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadValuesContext } from '@/lib/values-files/load-values-layers';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { makeSampleRepo } from '@/lib/testing/sample-repo';
import { validateValues } from '@/lib/values';
import { desiredAppSchema } from '@/sandbox/kube-api/desired-state';
import { DEFAULT_RESOURCES, renderDesiredApp } from './render-desired-app';

const base = {
  image: { repository: 'us-central1-docker.pkg.dev/meridian-shared/apps/demo', tag: '2026.11.20-abc1234', pullPolicy: 'IfNotPresent' },
  env: { NODE_ENV: 'production', LOG_LEVEL: 'info' },
  secretEnv: { DATABASE_URL: { secret: 'demo-db' }, API_KEY: { secret: 'demo-key' } },
  rollout: { maxSurge: '25%', maxUnavailable: 0 },
  autoscaling: { enabled: false, minReplicas: 2, maxReplicas: 5 },
  podDisruptionBudget: { enabled: false, maxUnavailable: 1 },
};

function render(values: Record<string, unknown>) {
  return renderDesiredApp({ app: 'demo', namespace: 'demo', revision: 'c0ffee', chart: 'meridian-app-1.8.2', values: { ...base, ...values } });
}

describe('renderDesiredApp', () => {
  it('renders each deployment as the chart does', () => {
    const desired = render({
      deployments: {
        web: { command: ['node', 'server.js'], args: ['--port', '3000'], port: 3000, replicas: 3, probes: { readiness: { path: '/healthz' } }, env: { LOG_LEVEL: 'debug' }, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } } },
        worker: { command: ['node', 'worker.js'], probes: { readiness: { path: '/ignored-without-port' } } },
      },
    });
    expect(desiredAppSchema.parse(desired)).toEqual(desired);
    expect(desired).toMatchObject({ app: 'demo', namespace: 'demo', revision: 'c0ffee', chart: 'meridian-app-1.8.2' });
    expect(desired.pdb).toBeUndefined();
    const [web, worker] = desired.deployments;
    expect(web).toEqual({
      name: 'web',
      replicas: 3,
      image: 'us-central1-docker.pkg.dev/meridian-shared/apps/demo:2026.11.20-abc1234',
      command: ['node', 'server.js', '--port', '3000'],
      port: 3000,
      readinessPath: '/healthz',
      env: { NODE_ENV: 'production', LOG_LEVEL: 'debug' },
      secretEnvNames: ['DATABASE_URL', 'API_KEY'],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      maxSurge: '25%',
      maxUnavailable: 0,
    });
    expect(worker).toMatchObject({ name: 'worker', replicas: 1, resources: DEFAULT_RESOURCES, env: { NODE_ENV: 'production', LOG_LEVEL: 'info' } });
    expect(worker.readinessPath).toBeUndefined();
    expect(worker.port).toBeUndefined();
  });

  it.each([
    { name: 'autoscaling owns the count of deployments with a port', values: { autoscaling: { enabled: true, minReplicas: 4 } }, web: 4, worker: 2 },
    { name: 'without autoscaling the replicas apply', values: {}, web: 1, worker: 2 },
  ])('$name', ({ values, web, worker }) => {
    const desired = render({ ...values, deployments: { web: { port: 8080, replicas: 1 }, worker: { replicas: 2 } } });
    expect(desired.deployments.map((d) => [d.name, d.replicas])).toEqual([
      ['web', web],
      ['worker', worker],
    ]);
  });

  it.each([
    { pdb: { enabled: true, maxUnavailable: 1 }, expected: { maxUnavailable: 1 } },
    { pdb: { enabled: true, minAvailable: '50%', maxUnavailable: null }, expected: { minAvailable: '50%' } },
    { pdb: { enabled: false, maxUnavailable: 1 }, expected: undefined },
  ])('renders the PodDisruptionBudget $pdb', ({ pdb, expected }) => {
    expect(render({ podDisruptionBudget: pdb, deployments: { web: { port: 80 } } }).pdb).toEqual(expected);
  });

  it('uses the rollout settings of the values', () => {
    const [d] = render({ rollout: { maxSurge: 0, maxUnavailable: 1 }, deployments: { sync: {} } }).deployments;
    expect([d.maxSurge, d.maxUnavailable]).toEqual([0, 1]);
  });
});

describe('every sample app renders in both environments', () => {
  let sample: Awaited<ReturnType<typeof makeSampleRepo>>;
  beforeAll(async () => {
    sample = await makeSampleRepo();
  });
  afterAll(() => sample?.cleanup());

  it('validates, renders and fits the sandbox desired-state schema', async () => {
    const catalog = await loadCatalog(sample.repo);
    expect(catalog.apps.length).toBeGreaterThanOrEqual(6);
    for (const app of catalog.apps) {
      for (const environment of app.environments) {
        const context = await loadValuesContext(sample.repo, app, environment, catalog.revision);
        const validation = validateValues({ schema: context.schema, layers: context.layers, environment, environments: catalog.environments });
        expect(validation.ok, `${app.name} ${environment}`).toBe(true);
        const desired = renderDesiredApp({ app: app.name, namespace: app.namespace, revision: catalog.revision, values: validation.merged });
        expect(() => desiredAppSchema.parse(desired)).not.toThrow();
      }
    }
    const context = await loadValuesContext(sample.repo, catalog.apps.find((a) => a.name === 'intake-forms')!, 'stage', catalog.revision);
    const merged = validateValues({ schema: context.schema, layers: context.layers, environment: 'stage' }).merged;
    const intake = renderDesiredApp({ app: 'intake-forms', namespace: 'intake-forms', revision: 'r', values: merged });
    // The sample's known stage mistake: no FHIR_BASE_URL, so the app exits at start-up.
    expect(intake.deployments[0].env.FHIR_BASE_URL).toBeUndefined();
    expect(intake.pdb).toEqual({ maxUnavailable: 1 });
  });
});
