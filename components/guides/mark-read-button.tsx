'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { setGuideReadAction } from '@/lib/guides/actions';
import { Button } from '@/components/ui/button';
import { CheckIcon } from './check-icon';
import { formatDate } from '@/lib/text/format-time';


/** Marks the guide read (or unread again) for the signed-in person, stored in Berth's database. */
export function MarkReadButton({ slug, readAt: initialReadAt }: { slug: string; readAt: string | null }) {
  const router = useRouter();
  const [readAt, setReadAt] = useState(initialReadAt);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(read: boolean) {
    setError(null);
    startTransition(async () => {
      const result = await setGuideReadAction({ slug, read });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setReadAt(result.data.readAt);
      // The header's "Read" badge and the guide list are server-rendered: refresh them.
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <p role="status" className="text-sm">
        {readAt ? (
          <span className="inline-flex items-center gap-1.5 font-medium text-emerald-800">
            <CheckIcon className="h-4 w-4" /> You read this guide on {formatDate(readAt)}.
          </span>
        ) : (
          <span className="text-slate-700">Finished? Mark it read to keep track of your progress.</span>
        )}
      </p>
      {readAt ? (
        <Button type="button" variant="ghost" disabled={pending} onClick={() => toggle(false)}>
          {pending ? 'Saving…' : 'Mark as unread'}
        </Button>
      ) : (
        <Button type="button" disabled={pending} onClick={() => toggle(true)}>
          <CheckIcon className="h-4 w-4" />
          {pending ? 'Saving…' : 'Mark as read'}
        </Button>
      )}
      {error ? (
        <p role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
