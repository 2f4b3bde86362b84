// The platform team's view of who has read what: per person (from teams.yaml) and, per training
// session, the share of its guides each team has read. Pure: the page's loader feeds it the reads
// from the database, the teams from the catalog and the sessions and guides from content/.
import type { GuideRead } from './reading-progress';

export type ProgressPersonInput = { email: string; name: string; team: string };
export type ProgressTeamInput = { id: string; name: string; members: { email: string }[] };
export type ProgressGuideInput = { slug: string; title: string };
export type ProgressSessionInput = { id: string; title: string; date: string; guides: string[] };

export type PersonProgress = {
  email: string;
  name: string;
  team: string;
  teamName: string;
  /** Slugs of the guides read, in reading order. */
  read: string[];
  /** When they last marked a guide read; null if never. */
  lastReadAt: string | null;
};

export type TeamSessionShare = {
  team: string;
  teamName: string;
  members: number;
  /** (person, guide) pairs read, out of members × the session's guides. */
  readPairs: number;
  totalPairs: number;
  /** 0…1, or null when the team has no members or the session covers no guides. */
  share: number | null;
};

export type SessionProgress = {
  id: string;
  title: string;
  date: string;
  guides: string[];
  teams: TeamSessionShare[];
};

export type ProgressReport = {
  guides: ProgressGuideInput[];
  people: PersonProgress[];
  sessions: SessionProgress[];
  /** Reads by people not (or no longer) in teams.yaml: counted, not listed. */
  readsByOthers: number;
};

export function buildProgressReport(input: {
  reads: GuideRead[];
  teams: ProgressTeamInput[];
  people: ProgressPersonInput[];
  guides: ProgressGuideInput[];
  sessions: ProgressSessionInput[];
}): ProgressReport {
  const guideSlugs = new Set(input.guides.map((guide) => guide.slug));
  const teamNames = new Map(input.teams.map((team) => [team.id, team.name]));
  const readsByEmail = new Map<string, Map<string, string>>();
  const knownEmails = new Set(input.people.map((person) => person.email.toLowerCase()));
  let readsByOthers = 0;

  for (const read of input.reads) {
    // A guide that was renamed or removed no longer counts.
    if (!guideSlugs.has(read.slug)) continue;
    const email = read.email.toLowerCase();
    if (!knownEmails.has(email)) {
      readsByOthers += 1;
      continue;
    }
    let mine = readsByEmail.get(email);
    if (!mine) readsByEmail.set(email, (mine = new Map()));
    mine.set(read.slug, read.readAt);
  }

  const people: PersonProgress[] = input.people.map((person) => {
    const mine = readsByEmail.get(person.email.toLowerCase()) ?? new Map<string, string>();
    const times = [...mine.values()].sort();
    return {
      email: person.email,
      name: person.name,
      team: person.team,
      teamName: teamNames.get(person.team) ?? person.team,
      read: input.guides.map((guide) => guide.slug).filter((slug) => mine.has(slug)),
      lastReadAt: times.at(-1) ?? null,
    };
  });

  const sessions: SessionProgress[] = input.sessions.map((session) => {
    const guides = session.guides.filter((slug) => guideSlugs.has(slug));
    return {
      id: session.id,
      title: session.title,
      date: session.date,
      guides,
      teams: input.teams.map((team) => {
        const members = team.members.length;
        const totalPairs = members * guides.length;
        let readPairs = 0;
        for (const member of team.members) {
          const mine = readsByEmail.get(member.email.toLowerCase());
          if (mine) readPairs += guides.filter((slug) => mine.has(slug)).length;
        }
        return {
          team: team.id,
          teamName: team.name,
          members,
          readPairs,
          totalPairs,
          share: totalPairs === 0 ? null : readPairs / totalPairs,
        };
      }),
    };
  });

  return { guides: input.guides, people, sessions, readsByOthers };
}
