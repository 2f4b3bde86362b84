import { describe, expect, it } from 'vitest';
import type { BerthUser } from '@/lib/auth/user';
import { describeAccess, type AccessTarget } from './describe-access';

const ana: BerthUser = { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer', team: 'patient-experience' };
const dmitri: BerthUser = { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri Volkov', role: 'engineer', team: 'clinical' };
const ivy: BerthUser = { email: 'ivy.martins@meridiancare.example', name: 'Ivy Martins', role: 'viewer', team: 'care-ops' };
const priya: BerthUser = { email: 'priya.raman@meridiancare.example', name: 'Priya Raman', role: 'platform', team: 'platform' };

const portal = { name: 'patient-portal', team: 'patient-experience', namespace: 'patient-portal' };
const stage: AccessTarget['environment'] = { name: 'stage', requiresApproval: false, logsHoldPhi: false, context: 'stage', project: 'meridian-stage' };
const production: AccessTarget['environment'] = { name: 'production', requiresApproval: true, logsHoldPhi: true, context: 'production', project: 'meridian-prod' };

describe('describeAccess, with the teams the sample company has', () => {
  it('lets the owning team commit in stage and request in production', () => {
    expect(describeAccess('values', ana, { app: portal, environment: stage })).toMatchObject({ level: 'allowed' });
    const request = describeAccess('values', ana, { app: portal, environment: production });
    expect(request.level).toBe('request');
    expect(request.text).toMatch(/another member of patient-experience or the platform team approves/);
  });

  it('sends another team, and viewers, to the owners', () => {
    expect(describeAccess('values', dmitri, { app: portal, environment: stage })).toMatchObject({ level: 'ask', text: expect.stringMatching(/Only the patient-experience team or the platform team/) });
    expect(describeAccess('values', ivy, { app: portal, environment: stage }).level).toBe('ask');
  });

  it('lets the platform team commit anywhere in stage', () => {
    expect(describeAccess('values', priya, { app: portal, environment: stage }).level).toBe('allowed');
  });

  it('points cluster writes at kubectl auth can-i in the right namespace and context', () => {
    expect(describeAccess('cluster-write', ana, { app: portal, environment: production }).text).toMatch(/kubectl auth can-i patch deployments -n patient-portal --context production/);
  });

  it('lets the owning team read production logs, and sends others to break glass', () => {
    expect(describeAccess('logs', ana, { app: portal, environment: production }).level).toBe('allowed');
    const other = describeAccess('logs', dmitri, { app: portal, environment: production });
    expect(other.level).toBe('ask');
    expect(other.text).toMatch(/Break glass with a reason/);
    expect(describeAccess('logs', dmitri, { app: portal, environment: stage }).level).toBe('allowed');
  });

  it('keeps platform work with the platform team', () => {
    expect(describeAccess('platform', ana, { app: portal, environment: stage }).text).toMatch(/Platform team only/);
    expect(describeAccess('platform', priya, { app: portal, environment: stage }).text).toMatch(/yours/);
  });
});
