import type { Catalog, Role } from '@/lib/catalog/types';

/**
 * What a person is to Berth: a role from teams.yaml, or `unlisted` — signed in (IAP let them
 * through) but not in teams.yaml, or not from the company's Google Workspace. An unlisted person
 * gets nothing but the page that says how to be added.
 */
export type UserRole = Role | 'unlisted';

/** The signed-in person as Berth sees them: identity from IAP or dev sign-in, role and team from teams.yaml. */
export interface BerthUser {
  email: string;
  name: string;
  role: UserRole;
  /** The team they belong to in teams.yaml; none for unlisted people. */
  team: string | null;
  /** Why an unlisted person is unlisted (their page says what to do about it). */
  unlistedBecause?: 'not-in-teams' | 'outside-workspace';
}

export interface ResolveUserOptions {
  /**
   * The Google Workspace domain IAP vouches for (the token's `hd` claim; null when the token has
   * none, as for a consumer Google account). Undefined in dev sign-in, where nothing vouches.
   */
  hostedDomain?: string | null;
  /** The company's Workspace domains. Default: the domains of the people in teams.yaml. */
  companyDomains?: readonly string[];
}

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The domains Berth accepts identities from when none are configured: those of teams.yaml's people. */
export function teamDomains(catalog: Pick<Catalog, 'people'>): string[] {
  return [...new Set(catalog.people.map((p) => emailDomain(p.email)))];
}

/**
 * Someone listed in teams.yaml gets their role there. Behind IAP the identity must also come from
 * the company's Workspace: the token's hosted domain must be the email's domain and one of the
 * company's — a consumer account registered with a work address has no `hd` and is refused.
 */
export function resolveUser(email: string, catalog: Pick<Catalog, 'people'>, options: ResolveUserOptions = {}): BerthUser {
  const normalized = email.trim().toLowerCase();
  const unlisted = (because: BerthUser['unlistedBecause']): BerthUser => ({
    email: normalized,
    name: normalized.split('@')[0],
    role: 'unlisted',
    team: null,
    unlistedBecause: because,
  });
  if (options.hostedDomain !== undefined) {
    const domain = emailDomain(normalized);
    const company = (options.companyDomains ?? teamDomains(catalog)).map((d) => d.toLowerCase());
    if (options.hostedDomain?.toLowerCase() !== domain || !company.includes(domain)) return unlisted('outside-workspace');
  }
  const person = catalog.people.find((p) => p.email === normalized);
  if (!person) return unlisted('not-in-teams');
  return { email: person.email, name: person.name, role: person.role, team: person.team };
}

export function isListed(user: BerthUser | null): user is BerthUser {
  return user !== null && user.role !== 'unlisted';
}
