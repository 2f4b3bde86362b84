import { describe, expect, it } from 'vitest';
import { type Action, decide, type PolicyResources } from './policy';
import type { BerthUser } from './user';

const people: Record<string, BerthUser> = {
  platform: { email: 'priya.raman@meridiancare.example', name: 'Priya', role: 'platform', team: 'platform' },
  ownEngineer: { email: 'ana.souza@meridiancare.example', name: 'Ana', role: 'engineer', team: 'patient-experience' },
  teammate: { email: 'ben.okafor@meridiancare.example', name: 'Ben', role: 'engineer', team: 'patient-experience' },
  otherEngineer: { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri', role: 'engineer', team: 'clinical' },
  viewerInTeam: { email: 'ivy.martins@meridiancare.example', name: 'Ivy', role: 'viewer', team: 'patient-experience' },
  outsider: { email: 'someone@elsewhere.example', name: 'someone', role: 'viewer', team: null },
};

const app = { name: 'patient-portal', team: 'patient-experience' };
const stage = { name: 'stage', requiresApproval: false };
const production = { name: 'production', requiresApproval: true };
const author = people.ownEngineer.email;

type Row = [keyof typeof people | 'anonymous', Action, PolicyResources[Action], boolean];

// Every role × action × own/other team.
const table: Row[] = [
  ['anonymous', 'app.view', { app }, false],
  ['outsider', 'app.view', { app }, true],
  ['platform', 'values.commit', { app, environment: stage }, true],
  ['ownEngineer', 'values.commit', { app, environment: stage }, true],
  ['otherEngineer', 'values.commit', { app, environment: stage }, false],
  ['viewerInTeam', 'values.commit', { app, environment: stage }, false],
  ['outsider', 'values.commit', { app, environment: stage }, false],
  ['platform', 'values.commit', { app, environment: production }, false],
  ['ownEngineer', 'values.commit', { app, environment: production }, false],
  ['platform', 'values.requestChange', { app }, true],
  ['ownEngineer', 'values.requestChange', { app }, true],
  ['otherEngineer', 'values.requestChange', { app }, false],
  ['viewerInTeam', 'values.requestChange', { app }, false],
  ['outsider', 'values.requestChange', { app }, false],
  ['ownEngineer', 'change.approve', { app, authorEmail: author }, false],
  ['ownEngineer', 'change.approve', { app, authorEmail: author.toUpperCase() }, false],
  ['teammate', 'change.approve', { app, authorEmail: author }, true],
  ['platform', 'change.approve', { app, authorEmail: author }, true],
  ['platform', 'change.approve', { app, authorEmail: people.platform.email }, false],
  ['otherEngineer', 'change.approve', { app, authorEmail: author }, false],
  ['viewerInTeam', 'change.approve', { app, authorEmail: author }, false],
  ['outsider', 'change.approve', { app, authorEmail: author }, false],
  ['ownEngineer', 'change.withdraw', { authorEmail: author }, true],
  ['teammate', 'change.withdraw', { authorEmail: author }, false],
  ['outsider', 'feedback.create', {}, true],
  ['anonymous', 'feedback.create', {}, false],
  ['platform', 'feedback.triage', {}, true],
  ['ownEngineer', 'feedback.triage', {}, false],
  ['viewerInTeam', 'feedback.triage', {}, false],
  ['ownEngineer', 'feedback.editOwn', { reporterEmail: author, status: 'new' }, true],
  ['ownEngineer', 'feedback.editOwn', { reporterEmail: author, status: 'triaged' }, false],
  ['teammate', 'feedback.editOwn', { reporterEmail: author, status: 'new' }, false],
  ['platform', 'feedback.editOwn', { reporterEmail: author, status: 'triaged' }, true],
  ['platform', 'progress.viewEveryone', {}, true],
  ['ownEngineer', 'progress.viewEveryone', {}, false],
  ['platform', 'audit.view', {}, true],
  ['otherEngineer', 'audit.view', {}, false],
];

describe('the policy table', () => {
  it.each(table)('%s → %s %o → %s', (who, action, resource, expected) => {
    const user = who === 'anonymous' ? null : people[who];
    expect(decide(user, action, resource).allowed).toBe(expected);
  });

  it('explains a refusal in plain words', () => {
    expect(decide(people.otherEngineer, 'values.commit', { app, environment: stage }).reason).toBe(
      'Only the patient-experience team or the platform team can change patient-portal.',
    );
    expect(decide(people.ownEngineer, 'change.approve', { app, authorEmail: author }).reason).toMatch(/cannot approve your own change/);
    expect(decide(people.ownEngineer, 'values.commit', { app, environment: production }).reason).toMatch(/open a change request/);
  });
});
