'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { revertValuesAction } from '@/app/(portal)/apps/[app]/values/actions';
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
        aria-label={`Revert "${subject}"`}
        onClick={async () => {
          if (!window.confirm(`Revert "${subject}"? This makes a new commit under your name.`)) return;
          setState({ busy: true });
          const response = await revertValuesAction({ app, revision });
          if (!response.ok) return setState({ busy: false, message: response.error.message, ok: false });
          const result = response.data;
          if (result.status === 'committed') {
            setState({ busy: false, ok: true, message: `Reverted in ${result.revision.slice(0, 7)}.` });
            router.refresh();
          } else if (result.status === 'invalid') {
            setState({ busy: false, ok: false, message: `The revert would not validate: ${result.problems[0]?.message ?? 'see the editor'}` });
          } else if (result.status === 'conflict') {
            setState({ busy: false, ok: false, message: 'The file changed meanwhile; reload and try again.' });
          } else {
            setState({ busy: false, ok: false, message: 'message' in result ? result.message : 'Nothing to revert.' });
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
