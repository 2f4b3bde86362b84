import type { Session } from '@/lib/guides/schemas';

/** Recording and slides; a link that does not exist yet says when it will. */
export function SessionMaterials({ session, past }: { session: Pick<Session, 'recording' | 'slides' | 'title'>; past: boolean }) {
  const pending = past ? 'not published yet' : 'after the session';
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      <dt className="text-slate-500">Recording</dt>
      <dd>
        {session.recording ? (
          <a href={session.recording} rel="noreferrer">
            Watch the recording<span className="sr-only"> of {session.title}</span>
          </a>
        ) : (
          <span className="text-slate-600">{pending}</span>
        )}
      </dd>
      <dt className="text-slate-500">Slides</dt>
      <dd>
        {session.slides ? (
          <a href={session.slides} rel="noreferrer">
            Open the slides<span className="sr-only"> of {session.title}</span>
          </a>
        ) : (
          <span className="text-slate-600">{pending}</span>
        )}
      </dd>
    </dl>
  );
}
