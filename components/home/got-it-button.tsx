'use client';

// "Got it": the author has seen the decisions listed; the header's notice goes away everywhere.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { markDecisionsSeenAction } from '@/lib/home/actions';
import { refreshNotices } from './notices-query';

export function GotItButton({ changeIds }: { changeIds: number[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await markDecisionsSeenAction({ changeIds });
            if (!result.ok) return setError(result.error.message);
            await refreshNotices();
            router.refresh();
          })
        }
      >
        {pending ? 'Saving…' : 'Got it'}
      </Button>
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
