import type { Catalog, Role } from '@/lib/catalog/types';

/** The signed-in person as Berth sees them: identity from IAP or dev sign-in, role and team from teams.yaml. */
export interface BerthUser {
  email: string;
  name: string;
  role: Role;
  /** The team they belong to in teams.yaml; none for people not listed there (viewers). */
  team: string | null;
}

/** Someone not in teams.yaml is a viewer: they can read, never change. */
export function resolveUser(email: string, catalog: Pick<Catalog, 'people'>): BerthUser {
  const normalized = email.trim().toLowerCase();
  const person = catalog.people.find((p) => p.email === normalized);
  if (!person) return { email: normalized, name: normalized.split('@')[0], role: 'viewer', team: null };
  return { email: person.email, name: person.name, role: person.role, team: person.team };
}
