// People, a catalog and a clock for the feedback tests (the sample company's shapes, no git needed).
import type { BerthUser } from '@/lib/auth/user';
import type { FeedbackCatalog } from './feedback-catalog';

export const people = {
  priya: { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' },
  marcus: { email: 'marcus.chen@meridiancare.example', name: 'Marcus Chen', role: 'platform', team: 'platform' },
  dmitri: { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' },
  esther: { email: 'esther.adeyemi@meridiancare.example', name: 'Esther Adeyemi', role: 'engineer', team: 'clinical' },
  ana: { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' },
  ivy: { email: 'ivy.martins@meridiancare.example', name: 'Ivy Martins', role: 'viewer', team: 'care-ops' },
} satisfies Record<string, BerthUser>;

export const testCatalog: FeedbackCatalog = {
  apps: [
    { name: 'patient-portal', team: 'patient-experience', environments: ['stage', 'production'] },
    { name: 'scheduler', team: 'clinical', environments: ['stage', 'production'] },
    { name: 'berth', team: 'platform', environments: ['production'] },
  ],
  teams: [
    { id: 'platform', name: 'Platform' },
    { id: 'patient-experience', name: 'Patient Experience' },
    { id: 'clinical', name: 'Clinical' },
    { id: 'care-ops', name: 'Care Operations' },
  ],
  platformPeople: [
    { email: people.priya.email, name: people.priya.name },
    { email: people.marcus.email, name: people.marcus.name },
  ],
  guides: [
    { slug: 'config-vars', title: 'Config vars' },
    { slug: 'logs', title: 'Logs' },
  ],
  sessions: [
    { id: '2026-11-05-from-aptible-to-gke', title: 'From Aptible to GKE: the map', startsAt: '2026-11-05T17:00:00.000Z' },
    { id: '2026-11-12-logs-health-checks-scaling', title: 'Logs, health checks, scaling', startsAt: '2026-11-12T17:00:00.000Z' },
    { id: '2026-12-17-cutover-week', title: 'Cutover week', startsAt: '2026-12-17T17:00:00.000Z' },
  ],
};

/** A clock that moves a minute and a second per call, so tests never trip the rate limit by accident. */
export function steppingClock(start = '2026-11-20T09:00:00.000Z') {
  let at = Date.parse(start);
  return () => {
    at += 61_000;
    return new Date(at);
  };
}

export const problem = (overrides: Record<string, unknown> = {}) => ({
  kind: 'app-problem',
  title: 'Pods restart every hour since the cutover',
  description: 'On Aptible the worker ran for days. Now it restarts **hourly**.',
  severity: 'degraded',
  workedOnAptible: true,
  context: { app: 'scheduler', environment: 'production', page: '/apps/scheduler/production' },
  ...overrides,
});
