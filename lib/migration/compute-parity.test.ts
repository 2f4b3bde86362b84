import { describe, expect, it } from 'vitest';
import { loadCatalog } from '@/lib/catalog/load-catalog';
import { sampleRepoForSuite } from '@/lib/testing/sample-repo';
import { parseAptibleConfig, parseAptibleServices } from './aptible-paste';
import { computeParity } from './compute-parity';
import { loadParity } from './load-parity';

const values = (v: object) => v;

describe('parity with Aptible', () => {
  it('places each key in env, a deployment\'s env, secretEnv, dropped or missing, per environment', () => {
    const report = computeParity(
      { configKeys: ['A', 'B', 'C', 'D', 'E', 'F'], services: [], endpoints: [] },
      { dropped: { E: 'New Relic is gone.' } },
      [
        { environment: 'stage', values: values({ env: { A: '1', B: '2' }, secretEnv: { C: { secret: 'app-c' } }, deployments: { worker: { env: { D: '4' } } } }) },
        { environment: 'production', values: values({ env: { A: '1' }, secretEnv: { B: { secret: 'app-b' }, C: { secret: 'app-c' } }, deployments: { worker: { env: { D: '4' } } } }) },
      ],
    );
    expect(report.keys.map((k) => [k.key, k.status])).toEqual([['A', 'env'], ['B', 'env'], ['C', 'secret-env'], ['D', 'env'], ['E', 'dropped'], ['F', 'missing']]);
    expect(report.keys[1].byEnvironment).toEqual({ stage: { status: 'env', where: 'env' }, production: { status: 'secret-env', secret: 'app-b' } });
    expect(report.keys[3].byEnvironment.stage).toEqual({ status: 'env', where: 'deployments.worker.env' });
    expect(report.keys[4].droppedReason).toBe('New Relic is gone.');
    expect(report.summary).toMatchObject({ keys: { env: 3, 'secret-env': 1, dropped: 1, missing: 1 }, complete: false });
  });

  it('sets each service beside its deployment: count ↔ replicas, size ↔ memory limit, command ↔ command/args', () => {
    const services = parseAptibleServices('Service: web\nCommand: node dist/server.js\nContainer Count: 3\nContainer Size: 1024\n\nService: worker\nCommand: node dist/worker.js --queue high\nContainer Count: 2\nContainer Size: 512\n\nService: clock\nCommand: CMD\nContainer Count: 1\nContainer Size: 256\n');
    if (!services.ok) throw new Error(services.problem.message);
    const report = computeParity({ configKeys: [], services: services.data, endpoints: [] }, {}, [
      {
        environment: 'production',
        values: values({
          autoscaling: { enabled: true, minReplicas: 3 },
          deployments: {
            web: { port: 3000, replicas: 2, command: ['node', 'dist/server.js'], resources: { limits: { memory: '1Gi' } } },
            worker: { replicas: 1, command: ['node'], args: ['dist/worker.js', '--queue', 'high'] },
            reports: { replicas: 1 },
          },
        }),
      },
    ]);
    const web = report.services[0].byEnvironment.production;
    expect(web).toEqual({ deployment: 'web', replicas: 3, autoscaled: true, memoryLimitMb: 1024, command: 'node dist/server.js', containerCount: 'same', containerSize: 'same', commandMatch: 'same' });
    // The chart's default limit (512Mi) applies when the values set none.
    expect(report.services[1].byEnvironment.production).toMatchObject({ replicas: 1, containerCount: 'fewer', memoryLimitMb: 512, containerSize: 'same', commandMatch: 'same' });
    expect(report.services[2]).toMatchObject({ service: 'clock', deployment: null, byEnvironment: { production: { missing: true } } });
    expect(report.unmappedDeployments).toEqual(['reports']);
    expect(report.summary.servicesMissing).toBe(1);
  });

  it('sets each endpoint beside the virtualService hosts of production, and internal ones beside a Service', () => {
    const report = computeParity(
      {
        configKeys: [],
        services: [],
        endpoints: [
          { hostname: 'elb-1.aptible.in', type: 'https', internal: false, managedTlsDomain: 'patients.example.com', service: 'web' },
          { hostname: 'elb-2.aptible.in', type: 'https', internal: false, service: 'web' },
          { hostname: 'elb-3.aptible.in', type: 'tls', internal: true, service: 'api' },
        ],
      },
      { hosts: { 'elb-2.aptible.in': 'api.example.com' } },
      [
        { environment: 'stage', values: values({ virtualService: { enabled: true, hosts: ['patients.stage.example.com'] } }) },
        { environment: 'production', values: values({ virtualService: { enabled: true, hosts: ['patients.example.com'] }, service: { enabled: true }, deployments: { api: { port: 8080 } } }) },
      ],
    );
    expect(report.endpoints.map((e) => [e.expectedHost, e.byEnvironment])).toEqual([
      ['patients.example.com', { production: 'routed' }],
      ['api.example.com', { production: 'missing' }],
      ['elb-3.aptible.in', { production: 'in-cluster' }],
    ]);
  });
});

describe('parity of the sample company', () => {
  const { repo } = sampleRepoForSuite();

  it('shows intake-forms unfinished: FHIR_BASE_URL missing in stage, S3 keys open, the rest placed', async () => {
    const catalog = await loadCatalog(repo);
    const app = catalog.apps.find((a) => a.name === 'intake-forms')!;
    const report = (await loadParity(repo, app))!;
    const byKey = Object.fromEntries(report.keys.map((k) => [k.key, k.status]));
    expect(byKey).toMatchObject({ AWS_ACCESS_KEY_ID: 'dropped', AWS_SECRET_ACCESS_KEY: 'missing', FHIR_BASE_URL: 'missing', NEW_RELIC_LICENSE_KEY: 'missing', S3_UPLOAD_BUCKET: 'missing', SESSION_SECRET: 'secret-env', NODE_ENV: 'env' });
    expect(report.keys.find((k) => k.key === 'FHIR_BASE_URL')!.byEnvironment).toEqual({ stage: { status: 'missing' }, production: { status: 'env', where: 'env' } });
    expect(report.endpoints[0].byEnvironment).toEqual({ production: 'routed' });
    expect(report.summary.complete).toBe(false);
  });

  it('has complete parity for every app that reached cutover or beyond', async () => {
    const catalog = await loadCatalog(repo);
    const { readAllMigrations } = await import('./read-migrations');
    const { isAtLeast } = await import('./migration-file');
    const done: string[] = [];
    for (const entry of await readAllMigrations(repo)) {
      if (entry.status !== 'ok' || !isAtLeast(entry.migration.state, 'cutover')) continue;
      const report = (await loadParity(repo, catalog.apps.find((a) => a.name === entry.app)!))!;
      expect({ app: entry.app, ...report.summary }).toMatchObject({ app: entry.app, complete: true });
      done.push(entry.app);
    }
    expect(done.sort()).toEqual(['billing-sync', 'care-admin', 'notifications', 'patient-portal', 'provider-api', 'scheduler']);
  });

  it('shows patient-portal complete, and a fresh paste checked against its values without keeping a value', async () => {
    const catalog = await loadCatalog(repo);
    const app = catalog.apps.find((a) => a.name === 'patient-portal')!;
    const recorded = (await loadParity(repo, app))!;
    expect(recorded.summary).toMatchObject({ complete: true, keys: { missing: 0, dropped: 1 } });
    expect(recorded.services.map((s) => [s.service, s.byEnvironment.production])).toEqual([
      ['web', expect.objectContaining({ deployment: 'web', replicas: 3, containerCount: 'same', containerSize: 'same', commandMatch: 'same' })],
      ['worker', expect.objectContaining({ deployment: 'worker', replicas: 2, containerCount: 'same', containerSize: 'same', commandMatch: 'same' })],
    ]);

    const paste = parseAptibleConfig('APP_BASE_URL=https://patients.meridiancare.example\nDATABASE_URL=postgres://pp:hunter2@db/pp\nSTRIPE_KEY=sk_live_s3cr3t\n');
    if (!paste.ok) throw new Error(paste.problem.message);
    const fresh = (await loadParity(repo, app, { facts: { configKeys: paste.data.keys, services: [], endpoints: [] } }))!;
    expect(fresh.keys.map((k) => [k.key, k.status])).toEqual([['APP_BASE_URL', 'env'], ['DATABASE_URL', 'secret-env'], ['STRIPE_KEY', 'missing']]);
    expect(JSON.stringify(fresh)).not.toMatch(/hunter2|s3cr3t/);
  });
});
