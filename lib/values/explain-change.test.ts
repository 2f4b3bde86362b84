import { describe, expect, it } from 'vitest';
import { explainChange, type ValuesEffect } from './explain-change';
import type { ValuesMap } from './types';

const base: ValuesMap = {
  image: { repository: 'europe-docker.pkg.dev/meridian-artifacts/apps/intake', tag: '2024.11.3' },
  env: { FEATURE_X: 'false', LOG_LEVEL: 'info' },
  secretEnv: { DATABASE_PASSWORD: 'intake-db-password' },
  deployments: {
    web: {
      command: ['bundle', 'exec', 'puma'],
      replicas: 2,
      port: 8080,
      resources: { limits: { memory: '512Mi', cpu: '500m' } },
      probes: { readiness: { path: '/health' } },
    },
    worker: { command: ['bundle', 'exec', 'sidekiq'], replicas: 1 },
  },
  virtualService: { enabled: true, hosts: ['intake.stage.meridian.care'] },
  podDisruptionBudget: { enabled: false, minAvailable: 1 },
  autoscaling: { enabled: false, minReplicas: 2, maxReplicas: 6 },
  rollout: { maxSurge: 1, maxUnavailable: 0 },
  serviceAccount: { gcpServiceAccount: 'intake@meridian-stage.iam.gserviceaccount.com' },
  migrations: { enabled: true, command: ['bundle', 'exec', 'rake', 'db:migrate'] },
};

/** `base` with one value replaced (undefined removes it). */
function changed(path: string[], value: unknown): ValuesMap {
  const copy = structuredClone(base);
  let map = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    map[key] = { ...((map[key] as Record<string, unknown>) ?? {}) };
    map = map[key] as Record<string, unknown>;
  }
  if (value === undefined) delete map[path[path.length - 1]];
  else map[path[path.length - 1]] = value;
  return copy;
}

const table: [string, ValuesMap, Partial<ValuesEffect>][] = [
  [
    'more pods',
    changed(['deployments', 'web', 'replicas'], 3),
    { path: 'deployments.web.replicas', kind: 'scale', summary: 'web will run 3 pods instead of 2 in stage', aptible: 'aptible apps:scale web --container-count 3', restartsPods: false },
  ],
  ['no pods', changed(['deployments', 'worker', 'replicas'], 0), { kind: 'scale', summary: 'worker will run no pods in stage (was 1 pod): it stops' }],
  [
    'an env var flips',
    changed(['env', 'FEATURE_X'], 'true'),
    {
      path: 'env.FEATURE_X',
      kind: 'env',
      summary: 'FEATURE_X changes from "false" to "true"; pods restart to pick it up',
      aptible: 'aptible config:set FEATURE_X=true — on Aptible this restarted the app by itself',
      restartsPods: true,
    },
  ],
  ['an env var is added', changed(['env', 'GREETING'], 'hello world'), { kind: 'env', summary: 'GREETING is set to "hello world"; pods restart to pick it up', aptible: "aptible config:set GREETING='hello world' — on Aptible this restarted the app by itself" }],
  ['an env var is removed', changed(['env', 'LOG_LEVEL'], undefined), { kind: 'env', summary: 'LOG_LEVEL is removed (was "info"); pods restart to pick it up', aptible: 'aptible config:unset LOG_LEVEL — on Aptible this restarted the app by itself' }],
  ['an env var nulled (Helm keeps the null): removed', changed(['env', 'LOG_LEVEL'], null), { kind: 'env', summary: 'LOG_LEVEL is removed (was "info"); pods restart to pick it up' }],
  [
    'a new image tag',
    changed(['image', 'tag'], '2024.11.4'),
    { path: 'image.tag', kind: 'image', summary: 'deploys image tag 2024.11.4 (was 2024.11.3)', aptible: 'aptible deploy --docker-image europe-docker.pkg.dev/meridian-artifacts/apps/intake:2024.11.4', restartsPods: true },
  ],
  [
    'a memory limit',
    changed(['deployments', 'web', 'resources'], { limits: { memory: '1Gi', cpu: '500m' } }),
    { path: 'deployments.web.resources.limits.memory', kind: 'resources', summary: 'each web pod may use up to 1 GiB of memory (was 512 MiB)', aptible: 'aptible apps:scale web --container-size 1024', restartsPods: true },
  ],
  [
    'a CPU limit',
    changed(['deployments', 'web', 'resources'], { limits: { memory: '512Mi', cpu: 1 } }),
    { path: 'deployments.web.resources.limits.cpu', kind: 'resources', summary: 'each web pod may use up to 1 CPU (was 0.5 CPU)' },
  ],
  [
    'a memory request appears',
    changed(['deployments', 'web', 'resources'], { limits: { memory: '512Mi', cpu: '500m' }, requests: { memory: '256Mi' } }),
    { kind: 'resources', summary: 'each web pod reserves 256 MiB of memory (was no request)' },
  ],
  [
    'a secret is added, named but never valued',
    changed(['secretEnv', 'STRIPE_KEY'], { secret: 'intake-stripe-key', version: 3 }),
    { path: 'secretEnv.STRIPE_KEY', kind: 'secret', summary: 'STRIPE_KEY now comes from Secret Manager secret `intake-stripe-key` (version 3); pods restart to pick it up', restartsPods: true },
  ],
  [
    'a secret reference changes',
    changed(['secretEnv', 'DATABASE_PASSWORD'], 'intake-db-password-v2'),
    { kind: 'secret', summary: 'DATABASE_PASSWORD now reads Secret Manager secret `intake-db-password-v2` (was `intake-db-password`); pods restart to pick it up' },
  ],
  [
    'a readiness probe path',
    changed(['deployments', 'web', 'probes'], { readiness: { path: '/healthz' } }),
    { path: 'deployments.web.probes.readiness', kind: 'probe', summary: 'web\'s readiness probe changes: path from "/health" to "/healthz"; pods restart to pick it up', restartsPods: true },
  ],
  [
    'a liveness probe is added',
    changed(['deployments', 'web', 'probes'], { readiness: { path: '/health' }, liveness: { path: '/live', port: 8080 } }),
    { path: 'deployments.web.probes.liveness', kind: 'probe', summary: "web's liveness probe calls /live on port 8080; pods restart to pick it up" },
  ],
  [
    'a new host',
    changed(['virtualService', 'hosts'], ['intake.stage.meridian.care', 'forms.stage.meridian.care']),
    { path: 'virtualService.hosts', kind: 'endpoint', summary: 'the app also answers on forms.stage.meridian.care', restartsPods: false },
  ],
  [
    'a host replaced',
    changed(['virtualService', 'hosts'], ['forms.stage.meridian.care']),
    { kind: 'endpoint', summary: 'the app also answers on forms.stage.meridian.care; it no longer answers on intake.stage.meridian.care' },
  ],
  ['the PDB turns on', changed(['podDisruptionBudget', 'enabled'], true), { path: 'podDisruptionBudget.enabled', kind: 'pdb', summary: 'a PodDisruptionBudget keeps pods up during node maintenance and GKE upgrades', restartsPods: false }],
  ['PDB minAvailable', changed(['podDisruptionBudget', 'minAvailable'], 2), { kind: 'pdb', summary: 'during node maintenance and GKE upgrades, at least 2 pods of each deployment stay up (was 1)' }],
  ['autoscaling turns on', changed(['autoscaling', 'enabled'], true), { path: 'autoscaling.enabled', kind: 'autoscaling', summary: 'autoscaling turns on: 2 to 6 pods depending on load', restartsPods: false }],
  ['autoscaling max', changed(['autoscaling', 'maxReplicas'], 10), { kind: 'autoscaling', summary: 'autoscaling may run up to 10 pods (was 6)' }],
  ['rollout maxUnavailable', changed(['rollout', 'maxUnavailable'], 1), { path: 'rollout.maxUnavailable', kind: 'rollout', summary: 'during deploys, up to 1 pod(s) may be down at a time (was 0)', restartsPods: false }],
  [
    'Workload Identity',
    changed(['serviceAccount', 'gcpServiceAccount'], 'intake-v2@meridian-stage.iam.gserviceaccount.com'),
    { kind: 'service-account', summary: 'pods act as the GCP service account intake-v2@meridian-stage.iam.gserviceaccount.com through Workload Identity (was intake@meridian-stage.iam.gserviceaccount.com)' },
  ],
  [
    'the migration command',
    changed(['migrations', 'command'], ['bin/migrate']),
    { kind: 'migrations', summary: 'before each deploy, a job runs `bin/migrate` (was `bundle exec rake db:migrate`)', aptible: 'before_deploy in .aptible.yml', restartsPods: false },
  ],
  [
    'a new deployment',
    changed(['deployments', 'clock'], { command: ['bin/clock'], replicas: 1 }),
    { path: 'deployments.clock', kind: 'deployment-added', summary: 'adds clock: a new process type, like a new Procfile line, running `bin/clock` on 1 pod', restartsPods: false },
  ],
  ['a removed deployment', changed(['deployments', 'worker'], undefined), { path: 'deployments.worker', kind: 'deployment-removed', summary: 'removes worker: its pods stop, like deleting its Procfile line' }],
  ['a new command', changed(['deployments', 'web', 'command'], ['bin/web']), { kind: 'other', summary: 'web runs `bin/web` (was `bundle exec puma`)', aptible: 'the web line of the Procfile', restartsPods: true }],
  ['a port', changed(['deployments', 'web', 'port'], 3000), { kind: 'endpoint', summary: 'web listens on port 3000 (was 8080); its pods restart', restartsPods: true }],
  ['anything else', changed(['nodeSelector'], { pool: 'highmem' }), { path: 'nodeSelector.pool', kind: 'other', summary: 'nodeSelector.pool is set to "highmem"', restartsPods: false }],
];

describe('explainChange', () => {
  it.each(table)('%s', (_name, after, expected) => {
    const effects = explainChange({ before: base, after, environment: 'stage' });
    expect(effects).toEqual([expect.objectContaining(expected)]);
  });

  it('says nothing when nothing changed', () => {
    expect(explainChange({ before: base, after: structuredClone(base), environment: 'production' })).toEqual([]);
  });

  it('lists several effects in path order, the same every time', () => {
    const after = changed(['image', 'tag'], 'b');
    (after.env as ValuesMap).FEATURE_X = 'true';
    ((after.deployments as ValuesMap).web as ValuesMap).replicas = 4;
    const first = explainChange({ before: base, after, environment: 'production' });
    expect(first.map((e) => e.path)).toEqual(['deployments.web.replicas', 'env.FEATURE_X', 'image.tag']);
    expect(first[0].summary).toBe('web will run 4 pods instead of 2 in production');
    expect(explainChange({ before: base, after, environment: 'production' })).toEqual(first);
  });

  it('never prints a secret value, only the secret name', () => {
    const after = changed(['secretEnv', 'API_TOKEN'], { secret: 'intake-api-token', value: 'sk_live_should_not_be_here' });
    const text = JSON.stringify(explainChange({ before: base, after, environment: 'stage' }));
    expect(text).toContain('intake-api-token');
    expect(text).not.toContain('sk_live');
  });
});
