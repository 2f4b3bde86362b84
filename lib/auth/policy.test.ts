import { describe, expect, it } from 'vitest';
import { type Action, decide, type PolicyResources } from './policy';
import type { BerthUser } from './user';

const people: Record<string, BerthUser> = {
  platform: { email: 'priya.raman@meridiancare.example', name: 'Priya', role: 'platform', team: 'platform' },
  ownEngineer: { email: 'ana.souza@meridiancare.example', name: 'Ana', role: 'engineer', team: 'patient-experience' },
  teammate: { email: 'ben.okafor@meridiancare.example', name: 'Ben', role: 'engineer', team: 'patient-experience' },
  otherEngineer: { email: 'dmitri.volkov@meridiancare.example', name: 'Dmitri', role: 'engineer', team: 'clinical' },
  viewerInTeam: { email: 'ivy.martins@meridiancare.example', name: 'Ivy', role: 'viewer', team: 'patient-experience' },
  outsider: { email: 'someone@elsewhere.example', name: 'someone', role: 'unlisted', team: null },
};

const app = { name: 'patient-portal', team: 'patient-experience' };
const stage = { name: 'stage', requiresApproval: false };
const production = { name: 'production', requiresApproval: true };
const author = people.ownEngineer.email;

type Row = [keyof typeof people | 'anonymous', Action, PolicyResources[Action], boolean];

// Every role × action × own/other team.
const table: Row[] = [
  ['anonymous', 'app.view', { app }, false],
  ['outsider', 'app.view', { app }, false],
  ['viewerInTeam', 'app.view', { app }, true],
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
  ['ownEngineer', 'cutover.request', { app }, true],
  ['platform', 'cutover.request', { app }, true],
  ['otherEngineer', 'cutover.request', { app }, false],
  ['viewerInTeam', 'cutover.request', { app }, false],
  ['ownEngineer', 'cutover.approve', { app, requesterEmail: author }, false],
  ['ownEngineer', 'cutover.approve', { app, requesterEmail: author.toUpperCase() }, false],
  ['teammate', 'cutover.approve', { app, requesterEmail: author }, true],
  ['platform', 'cutover.approve', { app, requesterEmail: author }, true],
  ['otherEngineer', 'cutover.approve', { app, requesterEmail: author }, false],
  ['viewerInTeam', 'cutover.approve', { app, requesterEmail: author }, false],
  ['ownEngineer', 'cutover.rollback', { app }, true],
  ['teammate', 'cutover.rollback', { app }, true],
  ['otherEngineer', 'cutover.rollback', { app }, false],
  ['viewerInTeam', 'cutover.rollback', { app }, false],
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
  ['ownEngineer', 'change.comment', { app }, true],
  ['teammate', 'change.comment', { app }, true],
  ['platform', 'change.comment', { app }, true],
  ['otherEngineer', 'change.comment', { app }, false],
  ['viewerInTeam', 'change.comment', { app }, false],
  ['outsider', 'change.comment', { app }, false],
  ['anonymous', 'change.comment', { app }, false],
  ['ownEngineer', 'migration.update', { app }, true],
  ['platform', 'migration.update', { app }, true],
  ['otherEngineer', 'migration.update', { app }, false],
  ['viewerInTeam', 'migration.update', { app }, false],
  ['outsider', 'migration.update', { app }, false],
  ['anonymous', 'migration.update', { app }, false],
  ['ownEngineer', 'migration.validate', { app }, true],
  ['teammate', 'migration.validate', { app }, true],
  ['platform', 'migration.validate', { app }, false],
  ['platform', 'migration.validate', { app: { name: 'berth', team: 'platform' } }, true],
  ['otherEngineer', 'migration.validate', { app }, false],
  ['viewerInTeam', 'migration.validate', { app }, false],
  ['outsider', 'migration.validate', { app }, false],
  ['outsider', 'feedback.create', {}, false],
  ['otherEngineer', 'feedback.create', {}, true],
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
  // The audit trail and the weekly activity report: the platform team only.
  ['platform', 'audit.view', {}, true],
  ['ownEngineer', 'audit.view', {}, false],
  ['otherEngineer', 'audit.view', {}, false],
  ['viewerInTeam', 'audit.view', {}, false],
  ['outsider', 'audit.view', {}, false],
  ['anonymous', 'audit.view', {}, false],
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

  it('tells a viewer of the owning team that their role, not their team, is the reason', () => {
    for (const action of ['values.commit', 'values.requestChange', 'change.approve', 'change.comment'] as const) {
      const reason = decide(people.viewerInTeam, action, { app, environment: stage, authorEmail: author }).reason;
      expect(reason).toMatch(/^You are a viewer in Berth: you can look at patient-portal but not /);
      expect(reason).not.toMatch(/Only the patient-experience team/);
    }
  });
});

describe('who reads logs: every role × environment × own/other team × break-glass', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const running = { expiresAt: '2026-11-25T12:30:00.000Z' };
  const ended = { expiresAt: '2026-11-25T11:59:59.000Z' };
  const environments = {
    stage: { name: 'stage', logsHoldPhi: false },
    production: { name: 'production', logsHoldPhi: true },
  };
  const otherApp = { name: 'scheduler', team: 'clinical' };
  const viewerOtherTeam: BerthUser = { email: 'ivy.martins@meridiancare.example', name: 'Ivy', role: 'viewer', team: 'care-ops' };
  const readers: Record<string, BerthUser | null> = {
    platform: people.platform,
    engineer: people.ownEngineer,
    viewer: people.viewerInTeam,
    otherViewer: viewerOtherTeam,
    unlisted: people.outsider,
    anonymous: null,
  };
  // [reader, environment, the app is their team's, break-glass grant] → may read; may break glass
  type Case = [keyof typeof readers, keyof typeof environments, boolean, 'none' | 'running' | 'ended', boolean, boolean];
  const cases: Case[] = [];
  for (const reader of Object.keys(readers) as (keyof typeof readers)[]) {
    for (const env of ['stage', 'production'] as const) {
      for (const own of [true, false]) {
        for (const grant of ['none', 'running', 'ended'] as const) {
          const user = readers[reader];
          const listed = user !== null && user.role !== 'unlisted';
          const owner = reader === 'platform' || (reader === 'engineer' && own);
          let read: boolean;
          let breakGlass: boolean;
          if (!listed) [read, breakGlass] = [false, false];
          else if (env === 'stage') [read, breakGlass] = [true, false];
          else if (owner) [read, breakGlass] = [true, false];
          else [read, breakGlass] = [grant === 'running', true];
          cases.push([reader, env, own, grant, read, breakGlass]);
        }
      }
    }
  }

  it('covers every combination', () => {
    expect(cases).toHaveLength(6 * 2 * 2 * 3);
    // Spot checks written out, so the generated expectations cannot drift from the words.
    const find = (...key: [keyof typeof readers, keyof typeof environments, boolean, Case[3]]) =>
      cases.find((c) => c[0] === key[0] && c[1] === key[1] && c[2] === key[2] && c[3] === key[3])!;
    expect(find('engineer', 'production', true, 'none').slice(4)).toEqual([true, false]);
    expect(find('engineer', 'production', false, 'none').slice(4)).toEqual([false, true]);
    expect(find('engineer', 'production', false, 'running').slice(4)).toEqual([true, true]);
    expect(find('engineer', 'production', false, 'ended').slice(4)).toEqual([false, true]);
    expect(find('viewer', 'production', true, 'none').slice(4)).toEqual([false, true]);
    expect(find('platform', 'production', false, 'none').slice(4)).toEqual([true, false]);
    expect(find('engineer', 'stage', false, 'none').slice(4)).toEqual([true, false]);
    expect(find('unlisted', 'stage', false, 'running').slice(4)).toEqual([false, false]);
  });

  it.each(cases)('%s reading %s logs (own team: %s, break-glass: %s) → read %s, break glass %s', (reader, env, own, grant, read, breakGlass) => {
    const user = readers[reader];
    const ownApp = user?.team ? { name: 'own-app', team: user.team } : app;
    const target = own ? ownApp : user?.team === otherApp.team ? app : otherApp;
    const environment = environments[env];
    const held = grant === 'running' ? running : grant === 'ended' ? ended : null;
    expect(decide(user, 'logs.read', { app: target, environment, breakGlass: held, now }).allowed).toBe(read);
    expect(decide(user, 'logs.breakGlass', { app: target, environment }).allowed).toBe(breakGlass);
  });

  it('says why, and what to do', () => {
    const refused = decide(people.otherEngineer, 'logs.read', { app, environment: environments.production, breakGlass: null, now });
    expect(refused.reason).toBe(
      'Production logs of patient-portal may hold patient data: only the patient-experience team and the platform team read them. Break glass with a reason if you need them now.',
    );
    expect(decide(people.outsider, 'logs.read', { app, environment: environments.stage, breakGlass: null, now }).reason).toMatch(/not in teams.yaml/);
    expect(decide(people.ownEngineer, 'logs.breakGlass', { app, environment: environments.production }).reason).toMatch(/already/);
  });
});
