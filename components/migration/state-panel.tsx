'use client';
// Moving the app to its next state (or one back). "Validated in stage" records the person, with
// what they checked; each move is a commit of migration.yaml under their name.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { updateMigrationAction } from '@/lib/migration/actions';
import { isAtLeast, type MigrationState } from '@/lib/migration/migration-states';
import { describeState } from '@/lib/migration/migration-states';

export function StatePanel({ app, state, moves, revision }: { app: string; state: MigrationState; moves: MigrationState[]; revision: string }) {
  const router = useRouter();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [status, setStatus] = useState<{ busy?: MigrationState; message?: string; ok?: boolean }>({});
  const move = async (to: MigrationState) => {
    setStatus({ busy: to });
    let result;
    try {
      result = await updateMigrationAction({ app, state: to, baseRevision: revision, ...(to === 'validated-in-stage' && note.trim() ? { note: note.trim() } : {}) });
    } catch {
      return setStatus({ ok: false, message: 'Berth could not be reached; nothing was saved. Try again.' });
    }
    if (!result.ok) return setStatus({ ok: false, message: result.error.message });
    setStatus({ ok: true, message: result.data.status === 'unchanged' ? 'Nothing changed: the file already says this.' : `Saved in ${result.data.revision.slice(0, 7)}: ${describeState(to).label.toLowerCase()}.` });
    setNote('');
    router.refresh();
  };
  if (moves.length === 0) return null;
  return (
    <div className="mt-3 space-y-2">
      {moves.includes('validated-in-stage') ? (
        <div>
          <label htmlFor={noteId} className="block text-sm font-medium text-slate-800">
            What your team checked in stage (optional, kept with your name)
          </label>
          <input id={noteId} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {moves.map((to) => {
          const forward = isAtLeast(to, state);
          return (
            <Button key={to} type="button" variant={forward ? 'primary' : 'secondary'} disabled={status.busy !== undefined} onClick={() => void move(to)}>
              {status.busy === to ? 'Saving…' : forward ? `Mark as: ${describeState(to).label}` : `Back to: ${describeState(to).label}`}
            </Button>
          );
        })}
      </div>
      {status.message ? (
        <p role={status.ok ? 'status' : 'alert'} className={`text-sm ${status.ok ? 'text-emerald-800' : 'text-red-800'}`}>
          {status.message}
        </p>
      ) : null}
    </div>
  );
}
