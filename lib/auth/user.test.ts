import { describe, expect, it } from 'vitest';
import { resolveUser, teamDomains } from './user';

const catalog = {
  people: [
    { email: 'ana.souza@meridiancare.example', name: 'Ana Souza', role: 'engineer' as const, team: 'patient-experience' },
    { email: 'ivy.martins@meridiancare.example', name: 'Ivy Martins', role: 'viewer' as const, team: 'care-ops' },
  ],
};

describe('who a signed-in identity is to Berth', () => {
  it('gives a listed person their role and team', () => {
    expect(resolveUser(' Ana.Souza@MeridianCare.example ', catalog)).toEqual({
      email: 'ana.souza@meridiancare.example',
      name: 'Ana Souza',
      role: 'engineer',
      team: 'patient-experience',
    });
  });

  it('makes everyone else unlisted: no role, no team', () => {
    expect(resolveUser('new.hire@meridiancare.example', catalog)).toMatchObject({ role: 'unlisted', team: null, unlistedBecause: 'not-in-teams' });
  });

  it('behind IAP, accepts only Workspace identities of the company’s domain', () => {
    const iap = (hostedDomain: string | null, companyDomains?: string[]) => resolveUser('ana.souza@meridiancare.example', catalog, { hostedDomain, companyDomains });
    expect(iap('meridiancare.example').role).toBe('engineer');
    // A consumer Google account registered with the work address carries no hd claim.
    expect(iap(null)).toMatchObject({ role: 'unlisted', unlistedBecause: 'outside-workspace' });
    // A token for another Workspace, whatever email it names.
    expect(iap('elsewhere.example').role).toBe('unlisted');
    // The configured domains win over those of teams.yaml.
    expect(iap('meridiancare.example', ['meridiancare.com']).role).toBe('unlisted');
    expect(resolveUser('someone@gmail.com', catalog, { hostedDomain: 'gmail.com' })).toMatchObject({ role: 'unlisted', unlistedBecause: 'outside-workspace' });
  });

  it('takes the company’s domains from teams.yaml when none are configured', () => {
    expect(teamDomains(catalog)).toEqual(['meridiancare.example']);
  });
});
