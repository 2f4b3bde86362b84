import 'server-only';

import { cached, contentFileName, listContentFiles, parseYaml, readContentFile } from './read-content';
import { ContentError, parseContent, sessionSchema, type Session } from './schemas';

/** Parses one content/sessions/<id>.yaml; the id must match the file name. */
export function parseSessionSource(fileName: string, source: string): Session {
  const file = contentFileName('sessions', fileName);
  const session = parseContent(sessionSchema, parseYaml(source, file), file);
  const expected = fileName.replace(/\.ya?ml$/, '');
  if (session.id !== expected) {
    throw new ContentError(file, [{ path: 'id', message: `must match the file name ("${expected}")` }]);
  }
  return session;
}

/** Every training session, oldest first. */
export function listSessions(): Session[] {
  return cached('sessions', () =>
    listContentFiles('sessions', '.yaml')
      .map((fileName) => parseSessionSource(fileName, readContentFile('sessions', fileName)))
      .sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || a.id.localeCompare(b.id)),
  );
}

export function getSession(id: string): Session | null {
  return listSessions().find((session) => session.id === id) ?? null;
}

/** When a session ends: a date-only session lasts the whole (UTC) day. */
export function sessionEndsAt(session: Session): number {
  const start = Date.parse(session.date);
  if (/^\d{4}-\d{2}-\d{2}$/.test(session.date)) return start + 24 * 60 * 60 * 1000;
  return start + session.durationMinutes * 60 * 1000;
}

export type SessionsByTime = {
  /** Not over yet (including one running now), soonest first. */
  upcoming: Session[];
  /** Over, most recent first. */
  past: Session[];
};

export function getSessionsByTime(now: Date = new Date()): SessionsByTime {
  const at = now.getTime();
  const sessions = listSessions();
  return {
    upcoming: sessions.filter((session) => sessionEndsAt(session) > at),
    past: sessions.filter((session) => sessionEndsAt(session) <= at).reverse(),
  };
}

/** Sessions that use a guide (for "covered in" links on a guide page). */
export function listSessionsForGuide(slug: string): Session[] {
  return listSessions().filter((session) => session.guides.includes(slug));
}
