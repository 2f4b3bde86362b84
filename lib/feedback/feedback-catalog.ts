// What feedback checks references against: the apps and teams of the config repository, the
// platform team's people (possible owners), the guides and the sessions. Plain data, so tests
// pass their own; `load-feedback-catalog.ts` reads the real one.

export interface FeedbackCatalog {
  apps: { name: string; team: string; environments: readonly string[] }[];
  teams: { id: string; name: string }[];
  /** People who may own (triage) feedback. */
  platformPeople: { email: string; name: string }[];
  guides: { slug: string; title: string }[];
  /** `startsAt` is an ISO time; a session can be rated once it has started. */
  sessions: { id: string; title: string; startsAt: string }[];
}

export const teamNameOf = (catalog: Pick<FeedbackCatalog, 'teams'>, id: string | null): string =>
  id ? (catalog.teams.find((t) => t.id === id)?.name ?? id) : 'No team';

/** A session can be rated once it has started. */
export const sessionHasStarted = (session: { startsAt: string }, now: Date = new Date()): boolean => Date.parse(session.startsAt) <= now.getTime();
