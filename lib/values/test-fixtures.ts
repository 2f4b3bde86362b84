// Fixtures for the values pipeline's tests: a small chart schema and three layers of a sample app.
// Not the real chart (sandbox/config-repo/chart/values.schema.json): a stand-in with the same shape.
import type { ValuesLayer } from './types';

const quantity = { type: ['string', 'number'] };
const intOrPercent = { type: ['integer', 'string'], pattern: '^[0-9]+%?$' };
const probe = {
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { type: 'string', pattern: '^/' },
    port: { type: 'integer' },
    periodSeconds: { type: 'integer', minimum: 1 },
    initialDelaySeconds: { type: 'integer', minimum: 0 },
  },
};

export const fixtureSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['image', 'deployments'],
  properties: {
    image: {
      type: 'object',
      additionalProperties: false,
      required: ['repository', 'tag'],
      properties: {
        repository: { type: 'string' },
        tag: { type: 'string', minLength: 1 },
        pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] },
      },
    },
    env: { type: 'object', additionalProperties: { type: 'string' } },
    secretEnv: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['secret'],
            properties: { secret: { type: 'string' }, version: { type: ['string', 'integer'] } },
          },
        ],
      },
    },
    deployments: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/definitions/deployment' } },
    virtualService: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        hosts: { type: 'array', items: { type: 'string', format: 'hostname' } },
        timeout: { type: 'string' },
      },
    },
    serviceAccount: {
      type: 'object',
      additionalProperties: false,
      properties: { gcpServiceAccount: { type: 'string' } },
    },
    podDisruptionBudget: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, minAvailable: intOrPercent, maxUnavailable: intOrPercent },
    },
    rollout: {
      type: 'object',
      additionalProperties: false,
      properties: { maxSurge: intOrPercent, maxUnavailable: intOrPercent },
    },
    autoscaling: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        minReplicas: { type: 'integer', minimum: 1 },
        maxReplicas: { type: 'integer', minimum: 1 },
        targetCPUUtilizationPercentage: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    migrations: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, command: { type: 'array', items: { type: 'string' } } },
    },
  },
  definitions: {
    deployment: {
      type: 'object',
      additionalProperties: false,
      required: ['command'],
      properties: {
        command: { type: 'array', items: { type: 'string' }, minItems: 1 },
        replicas: { type: 'integer', minimum: 0 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        env: { type: 'object', additionalProperties: { type: 'string' } },
        resources: {
          type: 'object',
          additionalProperties: false,
          properties: {
            requests: { type: 'object', properties: { cpu: quantity, memory: quantity }, additionalProperties: false },
            limits: { type: 'object', properties: { cpu: quantity, memory: quantity }, additionalProperties: false },
          },
        },
        probes: {
          type: 'object',
          additionalProperties: false,
          properties: { readiness: probe, liveness: probe, startup: probe },
        },
      },
    },
  },
};

export const chartValues = `# Defaults of the shared chart.
image:
  repository: europe-docker.pkg.dev/meridian-artifacts/apps/app
  tag: ""
env: {}
deployments: {}
podDisruptionBudget:
  enabled: false
  minAvailable: 1
rollout:
  maxSurge: 1
  maxUnavailable: 0
autoscaling:
  enabled: false
  minReplicas: 2
  maxReplicas: 6
`;

export const appValues = `# intake: patient intake forms
image:
  repository: europe-docker.pkg.dev/meridian-artifacts/apps/intake
  tag: "2024.11.3"
env:
  LOG_LEVEL: info
  FEATURE_X: "false"
deployments:
  web:
    command: [bundle, exec, puma]
    replicas: 2
    port: 8080
    resources:
      limits:
        memory: 512Mi
  worker:
    command: [bundle, exec, sidekiq]
    replicas: 2
`;

export const stageValues = `# stage overrides
env:
  FEATURE_X: "true"
deployments:
  web:
    replicas: 3
serviceAccount:
  gcpServiceAccount: intake@meridian-stage.iam.gserviceaccount.com
`;

export const environments = [
  { name: 'stage', project: 'meridian-stage' },
  { name: 'production', project: 'meridian-prod' },
];

/** The three layers of the sample app, with the environment file's text replaced if given. */
export function sampleLayers(overrides: { chart?: string; app?: string; stage?: string } = {}): ValuesLayer[] {
  return [
    { file: 'chart/values.yaml', kind: 'chart', text: overrides.chart ?? chartValues },
    { file: 'apps/intake/values.yaml', kind: 'app', text: overrides.app ?? appValues },
    { file: 'apps/intake/values-stage.yaml', kind: 'environment', text: overrides.stage ?? stageValues },
  ];
}
