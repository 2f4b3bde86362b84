// A small built-in set of Meridian Care apps so the sandbox shows something before the config
// repository watcher feeds it real desired state. Stage has the two known problems (intake-forms
// without FHIR_BASE_URL, billing-sync with a 256Mi limit); production has them fixed.
import type { DesiredApp, DesiredDeployment } from './desired-state';

const REGISTRY = 'us-docker.pkg.dev/meridian-care-artifacts/apps';

function deployment(partial: Partial<DesiredDeployment> & Pick<DesiredDeployment, 'name' | 'image'>): DesiredDeployment {
  return { replicas: 2, env: {}, secretEnvNames: [], maxSurge: '25%', maxUnavailable: 0, ...partial };
}

export function demoApps(cluster: string): DesiredApp[] {
  const production = cluster === 'production';
  const revision = production ? '4f1c9e2a7b3d5e6f8a9b0c1d2e3f4a5b6c7d8e9f' : '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
  const env = production ? 'production' : 'stage';
  return [
    {
      app: 'patient-portal',
      namespace: 'patient-portal',
      revision,
      deployments: [
        deployment({
          name: 'web',
          image: `${REGISTRY}/patient-portal:2026.11.3`,
          replicas: production ? 3 : 2,
          port: 3000,
          readinessPath: '/up',
          env: { RAILS_ENV: 'production', RAILS_LOG_TO_STDOUT: '1', APP_ENV: env },
          secretEnvNames: ['DATABASE_URL', 'SECRET_KEY_BASE'],
          resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
        }),
        deployment({
          name: 'worker',
          image: `${REGISTRY}/patient-portal:2026.11.3`,
          replicas: 1,
          command: ['bundle', 'exec', 'sidekiq'],
          env: { RAILS_ENV: 'production', APP_ENV: env },
          secretEnvNames: ['DATABASE_URL', 'REDIS_URL'],
          resources: { requests: { cpu: '100m', memory: '384Mi' }, limits: { memory: '768Mi' } },
        }),
      ],
      pdb: { minAvailable: 1 },
    },
    {
      app: 'scheduling-api',
      namespace: 'scheduling-api',
      revision,
      deployments: [
        deployment({
          name: 'api',
          image: `${REGISTRY}/scheduling-api:v3.8.1`,
          replicas: production ? 3 : 2,
          port: 8080,
          readinessPath: '/healthz',
          env: { LOG_FORMAT: 'json', APP_ENV: env },
          secretEnvNames: ['DATABASE_PASSWORD'],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        }),
      ],
      pdb: { maxUnavailable: 1 },
    },
    {
      app: 'notification-dispatcher',
      namespace: 'notification-dispatcher',
      revision,
      deployments: [
        deployment({
          name: 'consumer',
          image: `${REGISTRY}/notification-dispatcher:1.14.0`,
          replicas: 2,
          env: { PUBSUB_SUBSCRIPTION: 'notification-dispatcher', APP_ENV: env },
          secretEnvNames: ['TWILIO_AUTH_TOKEN', 'SENDGRID_API_KEY'],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        }),
      ],
    },
    {
      app: 'care-admin',
      namespace: 'care-admin',
      revision,
      deployments: [
        deployment({
          name: 'web',
          image: `${REGISTRY}/care-admin:5.2.0`,
          replicas: 1,
          port: 8000,
          readinessPath: '/healthz/',
          maxSurge: 1,
          env: { DJANGO_SETTINGS_MODULE: 'care_admin.settings.production', APP_ENV: env },
          secretEnvNames: ['DATABASE_URL', 'DJANGO_SECRET_KEY'],
          resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
        }),
      ],
    },
    {
      app: 'intake-forms',
      namespace: 'intake-forms',
      revision,
      deployments: [
        deployment({
          name: 'web',
          image: `${REGISTRY}/intake-forms:v2.3.1`,
          replicas: 2,
          port: 8080,
          readinessPath: '/healthz',
          env: production ? { NODE_ENV: 'production', FHIR_BASE_URL: 'https://fhir.meridiancare.internal/r4' } : { NODE_ENV: 'production' },
          secretEnvNames: ['FHIR_CLIENT_SECRET'],
          resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { memory: '384Mi' } },
        }),
      ],
      pdb: { minAvailable: 1 },
    },
    {
      app: 'billing-sync',
      namespace: 'billing-sync',
      revision,
      deployments: [
        deployment({
          name: 'worker',
          image: `${REGISTRY}/billing-sync:1.9.4`,
          replicas: 1,
          command: ['python', '-m', 'billing_sync'],
          env: { APP_ENV: env },
          secretEnvNames: ['STRIPE_API_KEY', 'CLEARINGHOUSE_TOKEN'],
          resources: { requests: { cpu: '100m', memory: production ? '384Mi' : '192Mi' }, limits: { memory: production ? '512Mi' : '256Mi' } },
        }),
      ],
    },
  ];
}
