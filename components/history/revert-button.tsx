'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revertValuesAction } from '@/lib/values-files/actions';
import { Button } from '@/components/ui/button';

export function RevertButton({ app, revision, subject }: { app: string; revision: string; subject: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; message?: string; ok?: boolean }>({ busy: false });
  return (
    <div className="text-right">
      <Button
        type="button"
        variant="secondary"
        disabled={state.busy}
        // The accessible name starts with the visible words, so "click Revert this change" works by
        // voice (WCAG 2.5.3); the subject tells the rows apart.
        aria-label={state.busy ? undefined : `Revert this change: "${subject}"`}
        onClick={async () => {
          if (!window.confirm(`Revert "${subject}"? This makes a new commit under your name.`)) return;
          setState({ busy: true });
          let result;
          try {
            result = await revertValuesAction({ app, revision });
          } catch {
            return setState({ busy: false, ok: false, message: 'Berth could not be reached; nothing was reverted. Try again.' });
          }
          if (result.ok) {
            if (result.data.status === 'unchanged') return setState({ busy: false, ok: true, message: 'Nothing to revert: the file already says this.' });
            setState({ busy: false, ok: true, message: `Reverted in ${result.data.revision.slice(0, 7)}.` });
            router.refresh();
          } else if (result.error.code === 'invalid' && result.error.details?.problems) {
            setState({ busy: false, ok: false, message: `The revert would not validate: ${result.error.details.problems[0]?.message ?? 'see the editor'}` });
          } else if (result.error.code === 'conflict' && result.error.details?.conflicts) {
            setState({ busy: false, ok: false, message: 'The file changed meanwhile; reload and try again.' });
          } else {
            setState({ busy: false, ok: false, message: result.error.message });
          }
        }}
      >
        {state.busy ? 'Reverting…' : 'Revert this change'}
      </Button>
      {state.message ? (
        <p role={state.ok ? 'status' : 'alert'} className={`mt-1 text-xs ${state.ok ? 'text-emerald-800' : 'text-red-800'}`}>
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
